using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Reduction;

/// <summary>
/// One candidate's runs, measured as a campaign measures a cell: one child process per run through
/// <see cref="RuntimeRunner"/>, and for a runtime whose phases come from the wall time alone, the module's baseline
/// (same module, empty <c>_start</c>) run right after it and subtracted (<see cref="CampaignScheduler.SubtractBaseline"/>),
/// its first run made unmeasured as the campaign warms it.
/// </summary>
public sealed class CandidateMeasurement(string wasm, IReadOnlyList<string> args, string? stdin, TimeSpan timeout)
{
    private readonly HashSet<string> _warmBaselines = new(StringComparer.Ordinal);
    private readonly string? _baseline = BaselineModule.PathFor(wasm);

    public IReadOnlyList<string> Args => args;

    public string Wasm => wasm;

    public async Task<RunResult> RunAsync(IRuntime runtime, CancellationToken ct)
    {
        var run = await runtime.RunAsync(new RunRequest(wasm, args, timeout, stdin), ct);
        if (run is not { Status: RunStatus.Ok, PhaseMethod: PhaseMethod.Wall } || _baseline is null) return run;
        var request = new RunRequest(_baseline, args, timeout, stdin);
        if (_warmBaselines.Add(runtime.Name)) await runtime.RunAsync(request, ct);
        var baseline = await runtime.RunAsync(request, ct);
        return baseline.Status == RunStatus.Ok ? CampaignScheduler.SubtractBaseline(run, baseline.WallMs) : run;
    }

    /// <summary>The execution time the analysis would use (ms), null when the run failed.</summary>
    public static double? ExecutionMs(RunResult run) =>
        run.Status == RunStatus.Ok ? Analysis.CellTable.PhaseMs(run, Analysis.AnalysisPhase.Execution) : null;
}
