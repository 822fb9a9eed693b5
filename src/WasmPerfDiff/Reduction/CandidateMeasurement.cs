using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Reduction;

/// <summary>
/// One candidate's runs, measured as a campaign measures a cell: one child process per run through
/// <see cref="RuntimeRunner"/>, and for a runtime whose phases come from the wall time alone, the module's baseline
/// (same module, empty <c>_start</c>) run right after it and subtracted (<see cref="CampaignScheduler.SubtractBaseline"/>),
/// its first run made unmeasured as the campaign warms it. With <paramref name="subtractCpu"/> (the CPU metric) every runtime's
/// baseline is run and its CPU time subtracted too: what the runtime pays per process whatever the program (start-up, a
/// module scan, teardown) is not what a reduction must keep, and a program reduced to nothing would otherwise keep it.
/// </summary>
public sealed class CandidateMeasurement(string wasm, IReadOnlyList<string> args, string? stdin, TimeSpan timeout, bool subtractCpu = false)
{
    private readonly HashSet<string> _warmBaselines = new(StringComparer.Ordinal);
    private readonly string? _baseline = BaselineModule.PathFor(wasm);

    public IReadOnlyList<string> Args => args;

    public string Wasm => wasm;

    public async Task<RunResult> RunAsync(IRuntime runtime, CancellationToken ct)
    {
        var run = await runtime.RunAsync(new RunRequest(wasm, args, timeout, stdin), ct);
        var wall = run.PhaseMethod == PhaseMethod.Wall;
        if (run.Status != RunStatus.Ok || _baseline is null || !(wall || subtractCpu)) return run;
        var request = new RunRequest(_baseline, args, timeout, stdin);
        if (_warmBaselines.Add(runtime.Name)) await runtime.RunAsync(request, ct);
        var baseline = await runtime.RunAsync(request, ct);
        if (baseline.Status != RunStatus.Ok) return run;
        if (wall) run = CampaignScheduler.SubtractBaseline(run, baseline.WallMs);
        return subtractCpu ? run with { UserMs = Math.Max(0, run.UserMs - baseline.UserMs), SysMs = Math.Max(0, run.SysMs - baseline.SysMs) } : run;
    }

    /// <summary>The execution time the analysis would use (ms), null when the run failed.</summary>
    public static double? ExecutionMs(RunResult run) =>
        run.Status == RunStatus.Ok ? Analysis.CellTable.PhaseMs(run, Analysis.AnalysisPhase.Execution) : null;
}
