using WasmPerfDiff.Host;

namespace WasmPerfDiff.Runtimes.Node;

/// <summary>
/// SpiderMonkey through gjs (Debian <c>gjs</c>: SpiderMonkey 102), which has WebAssembly but no WASI:
/// <c>runner-gjs.js</c> supplies WASI preview 1 from npm's <c>@bjorn3/browser_wasi_shim</c> (installed by
/// <c>runtimes install spidermonkey</c>), with the process's real stdin/stdout/stderr and GLib's clocks.
/// One tier only: SpiderMonkey's wasm tiers (baseline, Ion) are context options that gjs does not expose,
/// so this is its default (baseline first, Ion for hot code). No preopened directories (the shim's file
/// system lives in memory).
/// </summary>
public sealed class SpiderMonkeyRuntime(string? shimDir) : IRuntime
{
    private readonly Lazy<RuntimeAvailability> _availability = new(() => Probe(shimDir));

    public string Name => "spidermonkey";
    public string Engine => "spidermonkey";
    public string Tier => "default";

    public static string RunnerPath => Path.Combine(AppContext.BaseDirectory, "runtimes-node", "runner-gjs.js");

    public string Describe() => $"gjs -m runner-gjs.js {shimDir ?? "(browser_wasi_shim)"}";

    public RuntimeAvailability Detect() => _availability.Value;

    public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default)
    {
        var gjs = Detect();
        if (!gjs.Available) return Task.FromResult(Launch.Refused(gjs.Reason ?? "gjs unavailable"));
        if (request.Dir is not null) return Task.FromResult(Launch.Refused("spidermonkey (gjs + browser_wasi_shim) has no preopened host directories"));
        return Task.FromResult(Build(gjs.Path!, shimDir!, request));
    }

    private static Launch Build(string gjs, string shim, RunRequest request) =>
        JsRunner.Launch(gjs, ["-m"], new Dictionary<string, string>(), RunnerPath, request with { Dir = null }, null, [shim]);

    private static RuntimeAvailability Probe(string? shimDir)
    {
        var gjs = ExecutableSearch.Find("gjs");
        if (gjs is null) return RuntimeAvailability.Missing("gjs not found on PATH (Debian: apt-get install gjs)");
        if (shimDir is null || !File.Exists(Path.Combine(shimDir, "dist", "index.js")))
            return RuntimeAvailability.Missing("no WASI shim for gjs (wasm-perfdiff runtimes install spidermonkey)");
        var (version, problem) = VersionProbe.Ask(gjs, ["--version"], RuntimeProbe.VersionLimit);
        var failed = JsRunner.Probe(Build(gjs, shimDir, RuntimeProbe.Request));
        return failed is null
            ? new RuntimeAvailability(true, $"{version ?? problem} (SpiderMonkey 102)", gjs, null)
            : RuntimeAvailability.Missing($"gjs: {failed}");
    }
}
