using System.Collections.Concurrent;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Runtimes.Node;

/// <summary>
/// JavaScriptCore through Bun (npm <c>@oven/bun-linux-x64</c>), running the same <c>runner.mjs</c> as
/// Node (Bun implements <c>node:wasi</c>), with its wasm tiers chosen by <c>BUN_JSC_*</c> options.
/// Measured with Bun 1.4.4 on nbody (3M steps, execution phase; <c>BUN_JSC_verboseOSR=1</c> shows tier-ups):
/// <list type="bullet">
/// <item><c>jsc-ipint</c>: <c>useBBQJIT=0 useOMGJIT=0</c> — the in-place interpreter only: no tier-up is
/// logged, ~25× slower than default (6.1 s vs 0.24 s at 1M steps).</item>
/// <item><c>jsc-bbq</c>: <c>useWasmIPInt=0 useOMGJIT=0</c> — BBQ (baseline) from the first call, no OMG
/// entry logged; ~1.5× slower than default.</item>
/// <item><c>jsc-omg</c>: <c>useWasmIPInt=0 thresholdForOMGOptimizeAfterWarmUp=100 thresholdForOMGOptimizeSoon=100</c>
/// — BBQ first, hot code tiers up (and OSR-enters) to OMG 500× sooner than by default; "OMG OSR entry" is logged.
/// JSC cannot run OMG alone: Bun refuses <c>useWasmIPInt=0</c> without BBQ, and <c>useBBQJIT=0</c> leaves
/// IPInt → OMG, which ran nbody 30× slower; a threshold of 0 disables OMG tier-up altogether (no OMG
/// entry logged, BBQ speed).</item>
/// </list>
/// </summary>
public sealed class JscRuntime(string tier, IReadOnlyDictionary<string, string> options, string? bunPath = null, string? suffix = null) : IRuntime
{
    private static readonly ConcurrentDictionary<string, Lazy<RuntimeAvailability>> Buns = new();
    private readonly Lazy<RuntimeAvailability> _availability = new(() => Probe(options, bunPath, suffix));

    public static IReadOnlyList<JscRuntime> All(string? bunPath = null, string? suffix = null) =>
    [
        new("ipint", new Dictionary<string, string> { ["BUN_JSC_useBBQJIT"] = "0", ["BUN_JSC_useOMGJIT"] = "0" }, bunPath, suffix),
        new("bbq", new Dictionary<string, string> { ["BUN_JSC_useWasmIPInt"] = "0", ["BUN_JSC_useOMGJIT"] = "0" }, bunPath, suffix),
        new("omg", new Dictionary<string, string>
        {
            ["BUN_JSC_useWasmIPInt"] = "0",
            ["BUN_JSC_thresholdForOMGOptimizeAfterWarmUp"] = "100",
            ["BUN_JSC_thresholdForOMGOptimizeSoon"] = "100",
        }, bunPath, suffix),
    ];

    public string Name => $"jsc-{tier}{suffix}";
    public string Engine => "jsc";
    public string Tier => tier;

    public string Describe() => $"{string.Join(' ', options.Select(kv => $"{kv.Key}={kv.Value}"))} {bunPath ?? "bun"} runner.mjs";

    public RuntimeAvailability Detect() => _availability.Value;

    public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions launchOptions, CancellationToken cancellationToken = default)
    {
        var bun = Detect();
        if (!bun.Available) return Task.FromResult(Launch.Refused(bun.Reason ?? "bun unavailable"));
        return Task.FromResult(JsRunner.Launch(bun.Path!, [], options, V8Runtime.RunnerPath, request));
    }

    private static RuntimeAvailability Probe(IReadOnlyDictionary<string, string> options, string? bunPath, string? suffix)
    {
        var bun = Buns.GetOrAdd(bunPath ?? "", p => new(() =>
        {
            var program = p.Length == 0 ? ExecutableSearch.Find("bun") : File.Exists(p) ? p : null;
            if (program is null)
                return RuntimeAvailability.Missing(p.Length == 0 ? "bun not found (wasm-perfdiff runtimes install bun)" : $"installed bun missing: {p}");
            var (version, problem) = VersionProbe.Ask(program, ["--version"], RuntimeProbe.VersionLimit);
            return version is null ? RuntimeAvailability.Missing(problem!) : new RuntimeAvailability(true, $"bun {version}", program, null);
        })).Value;
        if (!bun.Available) return bun;
        var failed = JsRunner.Probe(JsRunner.Launch(bun.Path!, [], options, V8Runtime.RunnerPath, RuntimeProbe.Request));
        return failed is null ? bun : RuntimeAvailability.Missing($"bun{suffix}: {failed}");
    }
}
