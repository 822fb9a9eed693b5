using System.Collections.Concurrent;
using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Runtimes.Cli;

/// <summary>
/// A command-line runtime from the catalog or the user's config. Phases come from the guest's
/// <c>@perfdiff</c> markers; an AOT precompile step runs once per module per process, timed apart, and its
/// duration is recorded on the run that paid for it.
/// </summary>
public sealed class CliRuntime(CliRuntimeDefinition definition, IReadOnlyDictionary<string, string> programPaths) : IRuntime
{
    /// <summary>AOT compilers on big modules can take minutes; still bounded so nothing hangs.</summary>
    private static readonly TimeSpan PrecompileTimeout = TimeSpan.FromMinutes(10);

    private readonly Lazy<RuntimeAvailability> _availability = new(() => Probe(definition, programPaths));
    private readonly ConcurrentDictionary<string, Task<(string? Artifact, double Ms, string? Error)>> _artifacts = new();

    public CliRuntimeDefinition Definition => definition;
    public string Name => definition.Name;
    public string Engine => definition.Engine;
    public string Tier => definition.Tier;

    public string Describe() => definition.Precompile is null
        ? definition.Command.ToString()
        : $"{definition.Precompile} && {definition.Command}";

    public RuntimeAvailability Detect() => _availability.Value;

    public async Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default)
    {
        var availability = Detect();
        if (!availability.Available)
            return Launch.Refused(availability.Reason ?? "unavailable");

        var wasm = Path.GetFullPath(request.WasmPath);
        var dir = request.Dir is null ? null : Path.GetFullPath(request.Dir);
        string? artifact = null;
        double? aotMs = null;
        if (definition.Precompile is not null)
        {
            var key = FileHash.Sha256Hex(wasm);
            var first = false;
            var compiled = _artifacts.GetOrAdd(key, k => { first = true; return PrecompileAsync(wasm, k, cancellationToken); });
            var (path, ms, error) = await compiled;
            if (error is not null) return Launch.Refused($"precompile failed: {error}");
            artifact = path;
            if (first) aotMs = ms;
        }

        var program = Resolve(definition.Command.Program);
        if (program is null) return Launch.Failed($"{definition.Command.Program} is no longer found (removed during the campaign?)");
        var argv = definition.Command.Expand(program, wasm, request.Args, dir, artifact);
        var spec = new ProcessSpec(argv[0], argv.Skip(1).ToList(), request.Timeout) { StdinPath = request.StdinPath };
        if (options.PerfMap && definition.Engine == "wasmtime")
            spec = spec with { Arguments = [spec.Arguments[0], "--profile=perfmap", .. spec.Arguments.Skip(1)] };
        return new Launch(spec, AotCompileMs: aotMs);
    }

    private async Task<(string?, double, string?)> PrecompileAsync(string wasm, string sha, CancellationToken cancellationToken)
    {
        // Per-user cache (0700, owner checked), one folder per runtime; the name keeps to RuntimeNames' alphabet.
        if (!RuntimeNames.IsSafe(definition.Name)) return (null, 0, $"runtime name '{definition.Name}' may only use {RuntimeNames.Alphabet}");
        string dir;
        try { dir = UserCache.Directory("aot", definition.Name); }
        catch (BadInputException e) { return (null, 0, e.Message); }
        var output = Path.Combine(dir, sha + definition.ArtifactExtension);
        var argv = definition.Precompile!.Expand(Resolve(definition.Precompile.Program)!, wasm, [], null, output);
        var outcome = await ChildProcess.RunAsync(new ProcessSpec(argv[0], argv.Skip(1).ToList(), PrecompileTimeout), cancellationToken: cancellationToken);
        if (!outcome.Spawned) return (null, 0, outcome.SpawnError);
        if (outcome.ExitCode != 0 || !File.Exists(output))
            return (null, outcome.WallMs, $"{definition.Precompile.Program} exited {outcome.ExitCode?.ToString() ?? "by signal " + outcome.Signal}: {outcome.Stderr.HeadText.Trim().Split('\n')[^1]}");
        return (output, outcome.WallMs, null);
    }

    private string? Resolve(string program) =>
        ExecutableSearch.Find(programPaths.TryGetValue(program, out var configured) ? configured : program);

    private static RuntimeAvailability Probe(CliRuntimeDefinition d, IReadOnlyDictionary<string, string> paths)
    {
        string? Find(string p) => ExecutableSearch.Find(paths.TryGetValue(p, out var c) ? c : p);
        var program = Find(d.Command.Program);
        if (program is null)
            return RuntimeAvailability.Missing($"{d.Command.Program} not found on PATH{(d.InstallHint is null ? "" : $" (needs: {d.InstallHint})")}");
        if (d.Precompile is not null && Find(d.Precompile.Program) is null)
            return RuntimeAvailability.Missing($"AOT compiler {d.Precompile.Program} not found on PATH");
        var version = d.Version is null ? null
            : VersionProbe.FirstLine(Find(d.Version.Program) ?? program, d.Version.Expand("", "", [], null, null).Skip(1).ToList());
        return new RuntimeAvailability(true, version ?? "unknown", program, null);
    }
}
