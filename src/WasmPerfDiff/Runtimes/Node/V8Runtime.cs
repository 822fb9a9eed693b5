using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;
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
/// </summary>
public sealed class V8Runtime(string tier, IReadOnlyList<string> flags) : IRuntime
{
    /// <summary>node:wasi with preview1 and returnOnExit needs Node 18 or later.</summary>
    private const int MinimumNodeMajor = 18;

    private static readonly Lazy<RuntimeAvailability> NodeAvailability = new(ProbeNode);

    private const string EagerCompilation = "--no-wasm-lazy-compilation";

    public static V8Runtime TurboFan() => new("turbofan", ["--no-liftoff", EagerCompilation]);
    public static V8Runtime Liftoff() => new("liftoff", ["--liftoff", "--liftoff-only", "--no-wasm-tier-up", "--no-wasm-dynamic-tiering", EagerCompilation]);

    public string Name => $"v8-{tier}";
    public string Engine => "v8";
    public string Tier => tier;

    public static string RunnerPath => Path.Combine(AppContext.BaseDirectory, "runtimes-node", "runner.mjs");

    public string Describe() => $"node --no-warnings {string.Join(' ', flags)} runner.mjs";

    public RuntimeAvailability Detect() => NodeAvailability.Value;

    public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default)
    {
        var node = Detect();
        if (!node.Available) return Task.FromResult(Launch.Refused(node.Reason ?? "node unavailable"));

        var marks = ScratchDirectory.NewFile("marks", ".json");
        List<string> args = ["--no-warnings", .. flags];
        // --perf-basic-prof also turns V8's event log on; it goes beside the marks (not into the working directory) and is deleted with them.
        var v8Log = marks + ".v8.log";
        if (options.PerfMap) args.AddRange(["--perf-basic-prof", "--interpreted-frames-native-stack", $"--logfile={v8Log}", "--no-logfile-per-isolate"]);
        args.AddRange([RunnerPath, "--marks", marks]);
        if (request.Dir is not null) args.AddRange(["--dir", Path.GetFullPath(request.Dir)]);
        args.AddRange(["--", Path.GetFullPath(request.WasmPath), .. request.Args]);
        return Task.FromResult(new Launch(new ProcessSpec(node.Path!, args, request.Timeout) { StdinPath = request.StdinPath }, marks)
        {
            ExtraScratchFiles = options.PerfMap ? [v8Log] : [],
        });
    }

    private static RuntimeAvailability ProbeNode()
    {
        var node = ExecutableSearch.Find("node");
        if (node is null) return RuntimeAvailability.Missing("node not found on PATH (Debian: apt-get install nodejs)");
        if (!File.Exists(RunnerPath)) return RuntimeAvailability.Missing($"runner script missing: {RunnerPath}");
        var version = VersionProbe.FirstLine(node, ["--version"]);
        if (version is null) return RuntimeAvailability.Missing($"{node} --version did not answer");
        if (!int.TryParse(version.TrimStart('v').Split('.')[0], out var major) || major < MinimumNodeMajor)
            return RuntimeAvailability.Missing($"node {version} is too old: node:wasi needs {MinimumNodeMajor}+");
        var v8 = VersionProbe.FirstLine(node, ["-p", "process.versions.v8"]);
        return new RuntimeAvailability(true, v8 is null ? $"node {version}" : $"node {version} (V8 {v8})", node, null);
    }
}
