using System.Collections.Concurrent;
using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Runtimes.Cli;

/// <summary>
/// A command-line runtime from the catalog or the user's config. Phases come from the guest's
/// <c>@perfdiff</c> markers; an AOT precompile step runs once per module per process, timed apart, and its
/// duration is recorded on the run that paid for it. The precompile step gets the run's own bound (<c>--timeout</c>):
/// a user who allows a run 5 s does not expect a compiler to hold the campaign for minutes.
/// </summary>
public sealed class CliRuntime(CliRuntimeDefinition definition, IReadOnlyDictionary<string, string> programPaths) : IRuntime
{
    private readonly Lazy<RuntimeAvailability> _availability = new(() => Probe(definition, programPaths));
    private readonly ConcurrentDictionary<string, Task<(string? Artifact, double Ms, string? Error)>> _artifacts = new();

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
            var compiled = _artifacts.GetOrAdd(key, k => { first = true; return PrecompileAsync(wasm, k, request.Timeout, cancellationToken); });
            var (path, ms, error) = await compiled;
            if (error is not null) return Launch.Refused($"precompile failed: {error}");
            artifact = path;
            if (first) aotMs = ms;
        }

        var program = Resolve(definition.Command.Program);
        if (program is null) return Launch.Failed($"{definition.Command.Program} is no longer found (removed during the campaign?)");
        var spec = Spec(definition, definition.Command, program, wasm, request.Args, dir, artifact, request.Timeout)
            with { StdinPath = request.StdinPath };
        if (options.PerfMap && definition.Engine == "wasmtime")
            spec = spec with { Arguments = [spec.Arguments[0], "--profile=perfmap", .. spec.Arguments.Skip(1)] };
        return new Launch(spec, AotCompileMs: aotMs);
    }

    private async Task<(string?, double, string?)> PrecompileAsync(string wasm, string sha, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Per-user cache (0700, owner checked), one folder per runtime; the name keeps to RuntimeNames' alphabet.
        if (!RuntimeNames.IsSafe(definition.Name)) return (null, 0, $"runtime name '{definition.Name}' may only use {RuntimeNames.Alphabet}");
        string dir;
        try { dir = UserCache.Directory("aot", definition.Name); }
        catch (BadInputException e) { return (null, 0, e.Message); }
        var output = Path.Combine(dir, sha + definition.ArtifactExtension);
        var argv = definition.Precompile!.Expand(Resolve(definition.Precompile.Program)!, wasm, [], null, output);
        var outcome = await ChildProcess.RunAsync(new ProcessSpec(argv[0], argv.Skip(1).ToList(), timeout), cancellationToken: cancellationToken);
        if (!outcome.Spawned) return (null, 0, outcome.SpawnError);
        if (outcome.TimedOut) return (null, outcome.WallMs, $"{definition.Precompile.Program} did not finish within the run's timeout ({timeout.TotalSeconds:0.###} s)");
        if (outcome.ExitCode != 0 || !File.Exists(output))
            return (null, outcome.WallMs, $"{definition.Precompile.Program} exited {outcome.ExitCode?.ToString() ?? "by signal " + outcome.Signal}: {outcome.Stderr.HeadText.Trim().Split('\n')[^1]}");
        return (output, outcome.WallMs, null);
    }

    private string? Resolve(string program) => Resolve(definition, programPaths, program);

    /// <summary>
    /// The program for a template: <c>paths[runtime name]</c> when the config names one for this very
    /// configuration (e.g. <c>"iwasm-fast-jit": ".../iwasm-fast-jit"</c>, a second iwasm build), else
    /// <c>paths[program]</c>, else the program on PATH.
    /// </summary>
    private static string? Resolve(CliRuntimeDefinition d, IReadOnlyDictionary<string, string> paths, string program)
    {
        if (program == d.Command.Program && paths.TryGetValue(d.Name, out var own)) return ExecutableSearch.Find(own);
        return ExecutableSearch.Find(paths.TryGetValue(program, out var configured) ? configured : program);
    }

    private static ProcessSpec Spec(CliRuntimeDefinition d, CommandTemplate template, string program, string wasm,
        IReadOnlyList<string> args, string? dir, string? output, TimeSpan timeout)
    {
        var argv = template.Expand(program, wasm, args, dir, output).ToList();
        if (ReferenceEquals(template, d.Command) && d.ModuleOptions?.Invoke(wasm) is { Count: > 0 } options)
            argv.InsertRange(argv.IndexOf(wasm) is var at and > 0 ? at : 1, options);
        return new ProcessSpec(argv[0], argv.Skip(1).ToList(), timeout) { Environment = d.Environment, WorkingDirectory = d.WorkingDirectory };
    }

    /// <summary>
    /// Finds the program, asks its version (bounded; a hanging <c>--version</c> is named, not waited on),
    /// then runs the probe module through the configuration's own command (and its precompile step):
    /// only a configuration that really ran it is available.
    /// </summary>
    private static RuntimeAvailability Probe(CliRuntimeDefinition d, IReadOnlyDictionary<string, string> paths)
    {
        string? Find(string p) => Resolve(d, paths, p);
        var program = Find(d.Command.Program);
        if (program is null)
            return RuntimeAvailability.Missing($"{d.Command.Program} not found on PATH{(d.InstallHint is null ? "" : $" (needs: {d.InstallHint})")}");
        var compiler = d.Precompile is null ? null : Find(d.Precompile.Program);
        if (d.Precompile is not null && compiler is null)
            return RuntimeAvailability.Missing($"AOT compiler {d.Precompile.Program} not found on PATH");
        string? version = null, versionProblem = null;
        if (d.Version is not null)
            (version, versionProblem) = VersionProbe.Ask(d.Version.Program == d.Command.Program ? program : Find(d.Version.Program) ?? program,
                d.Version.Expand("", "", [], null, null).Skip(1).ToList(), RuntimeProbe.VersionLimit, d.Environment);

        if (!d.ProbeRun) return new RuntimeAvailability(true, version ?? $"unknown ({versionProblem ?? "no version command"})", program, null);
        var wasm = RuntimeProbe.ModulePath;
        string? artifact = null;
        if (d.Precompile is not null)
        {
            artifact = RuntimeProbe.ArtifactPath(d.Name, d.ArtifactExtension);
            var compile = ChildProcess.RunAsync(Spec(d, d.Precompile, compiler!, wasm, [], null, artifact, RuntimeProbe.RunLimit)).GetAwaiter().GetResult();
            if (compile.ExitCode != 0 || !File.Exists(artifact))
                return RuntimeAvailability.Missing($"probe precompile failed ({d.Precompile.Program} " +
                    (compile.TimedOut ? $"did not finish within {RuntimeProbe.RunLimit.TotalSeconds:0} s" : $"exited {compile.ExitCode?.ToString() ?? "by signal " + compile.Signal}") + ")");
        }
        try
        {
            var problem = RuntimeProbe.Check(Spec(d, d.Command, program, wasm, [], null, artifact, RuntimeProbe.RunLimit));
            if (problem is not null) return RuntimeAvailability.Missing($"{Path.GetFileName(program)}: {problem}");
            if (d.Requires is { } requires)
            {
                var also = RuntimeProbe.Check(Spec(d, requires.Command, Find(requires.Command.Program) ?? program, wasm, [], null, null, RuntimeProbe.RunLimit));
                if (also is not null) return RuntimeAvailability.Missing($"{requires.Why}; `{requires.Command}`: {also}");
            }
        }
        finally
        {
            if (artifact is not null) try { File.Delete(artifact); } catch (IOException) { }
        }
        return new RuntimeAvailability(true, version ?? $"unknown ({versionProblem ?? "no version command"})", program, null);
    }
}
