using System.Collections.Concurrent;
using WasmPerfDiff.Host;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Runtimes.Node;

/// <summary>
/// V8 through Node's <c>node:wasi</c>, pinned to one tier: <c>--no-liftoff</c> = TurboFan only,
/// <c>--liftoff --liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering</c> = Liftoff only (in V8 11,
/// <c>--no-wasm-tier-up</c> alone still lets dynamic tiering promote hot functions to TurboFan: a profile
/// showed a quarter of the samples in TurboFan code). Both tiers compile eagerly
/// (<c>--no-wasm-lazy-compilation</c>): by default V8 compiles each function on its first call, which puts
/// TurboFan's compile time inside the execution phase (sha256 at test size: 0.58 ms "execution" lazily,
/// 0.10 ms eagerly) — the same startup-counted-as-execution false positive WarpDiff met with a module cache. Default tiering is not offered: without wasm OSR
/// a long-running call stays at Liftoff speed, which would mislabel the tier being measured.
/// The node on PATH gives <c>v8-turbofan</c> and <c>v8-liftoff</c>; each Node installed by
/// <c>runtimes install node@N</c> gives <c>v8-turbofan@N</c> and <c>v8-liftoff@N</c>. Flags are checked
/// against that node's <c>--v8-options</c>: a tier whose pinning flag its V8 lacks is not offered.
/// </summary>
public sealed class V8Runtime(string tier, IReadOnlyList<string> flags, string? nodePath = null, string? suffix = null) : IRuntime
{
    /// <summary>node:wasi with preview1 and returnOnExit needs Node 18 or later.</summary>
    private const int MinimumNodeMajor = 18;

    private const string EagerCompilation = "--no-wasm-lazy-compilation";

    private static readonly ConcurrentDictionary<string, Lazy<(RuntimeAvailability Node, HashSet<string>? V8Flags)>> Nodes = new();

    private readonly Lazy<RuntimeAvailability> _availability = new(() => Probe(tier, flags, nodePath, suffix));

    public static V8Runtime TurboFan(string? nodePath = null, string? suffix = null) => new("turbofan", ["--no-liftoff", EagerCompilation], nodePath, suffix);
    public static V8Runtime Liftoff(string? nodePath = null, string? suffix = null) =>
        new("liftoff", ["--liftoff", "--liftoff-only", "--no-wasm-tier-up", "--no-wasm-dynamic-tiering", EagerCompilation], nodePath, suffix);

    public string Name => $"v8-{tier}{suffix}";
    public string Engine => "v8";
    public string Tier => tier;

    public static string RunnerPath => Path.Combine(AppContext.BaseDirectory, "runtimes-node", "runner.mjs");

    public string Describe() => $"{(nodePath is null ? "node" : nodePath)} --no-warnings {string.Join(' ', flags)} runner.mjs";

    public RuntimeAvailability Detect() => _availability.Value;

    /// <summary>The runner instantiates the compiled module a second time and runs it again when asked (<c>--warm</c>).</summary>
    public bool CanRunWarm => true;

    public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default)
    {
        var node = Detect();
        if (!node.Available) return Task.FromResult(Launch.Refused(node.Reason ?? "node unavailable"));
        return Task.FromResult(Build(node.Path!, flags, request, options));
    }

    private static Launch Build(string node, IReadOnlyList<string> flags, RunRequest request, LaunchOptions options) =>
        JsRunner.Launch(node, ["--no-warnings", .. flags], new Dictionary<string, string>(), RunnerPath, request,
            options.PerfMap ? ["--perf-basic-prof", "--interpreted-frames-native-stack"] : null, JsRunner.WarmArgs(request, options), v8Log: options.PerfMap);

    private static RuntimeAvailability Probe(string tier, IReadOnlyList<string> flags, string? nodePath, string? suffix)
    {
        var (node, v8Flags) = Nodes.GetOrAdd(nodePath ?? "", p => new(() => ProbeNode(p.Length == 0 ? null : p))).Value;
        if (!node.Available) return node;
        if (v8Flags is not null)
        {
            var missing = flags.Select(f => f.StartsWith("--no-") ? f[5..] : f[2..]).Where(f => !v8Flags.Contains(f)).ToList();
            if (missing.Count > 0)
                return RuntimeAvailability.Missing($"{node.Version} has no V8 flag {string.Join(", ", missing.Select(m => "--" + m))}: cannot pin the {tier} tier");
        }
        var problem = JsRunner.Probe(Build(node.Path!, flags, RuntimeProbe.Request, LaunchOptions.Default));
        return problem is null ? node : RuntimeAvailability.Missing($"node{suffix}: {problem}");
    }

    private static (RuntimeAvailability, HashSet<string>?) ProbeNode(string? path)
    {
        var node = path is null ? ExecutableSearch.Find("node") : File.Exists(path) ? path : null;
        if (node is null)
            return (RuntimeAvailability.Missing(path is null ? "node not found on PATH (Debian: apt-get install nodejs; or: wasm-perfdiff runtimes install node@22)" : $"installed node missing: {path}"), null);
        if (!File.Exists(RunnerPath)) return (RuntimeAvailability.Missing($"runner script missing: {RunnerPath}"), null);
        var (version, problem) = VersionProbe.Ask(node, ["--version"], RuntimeProbe.VersionLimit);
        if (version is null) return (RuntimeAvailability.Missing(problem!), null);
        if (!int.TryParse(version.TrimStart('v').Split('.')[0], out var major) || major < MinimumNodeMajor)
            return (RuntimeAvailability.Missing($"node {version} is too old: node:wasi needs {MinimumNodeMajor}+"), null);
        var (v8, _) = VersionProbe.Ask(node, ["-p", "process.versions.v8"], RuntimeProbe.VersionLimit);
        var options = Host.Processes.ChildProcess.RunAsync(new Host.Processes.ProcessSpec(node, ["--v8-options"], RuntimeProbe.VersionLimit) { CaptureBytes = 1 << 20 })
            .GetAwaiter().GetResult();
        HashSet<string>? v8Flags = null;
        if (options.ExitCode == 0)
            v8Flags = options.Stdout.HeadText.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("--"))
                .Select(l => l[2..].Split(' ', '(')[0].Trim()).ToHashSet();
        return (new RuntimeAvailability(true, v8 is null ? $"node {version}" : $"node {version} (V8 {v8})", node, null), v8Flags);
    }
}
