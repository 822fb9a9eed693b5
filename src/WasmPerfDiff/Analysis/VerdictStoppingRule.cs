using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// Adaptive stopping by the analysis itself (docs/ARCHITECTURE.md): before each round the robust model is fitted to
/// every run so far, and a cell stops once its verdict is settled — the bootstrap interval of its slowdown
/// factor lies wholly above the threshold (<c>anomaly</c>) or wholly below it (<c>no-anomaly</c>). A cell
/// the model does not single out at all (factor under √threshold, so no finding) still needs a precise
/// median for the others' sake, and falls back to <paramref name="fallback"/>.
/// </summary>
public sealed class VerdictStoppingRule(IStoppingRule fallback, double threshold = AnalysisOptions.DefaultThreshold) : IStoppingRule
{
    private IReadOnlyDictionary<(string Case, string Runtime), List<Finding>> _findings =
        new Dictionary<(string, string), List<Finding>>();

    public void BeginRound(IReadOnlyList<CellHistory> cells)
    {
        var runs = cells.SelectMany(c => c.Runs.Select((r, i) => new CaseRun(c.Case.Name, i + 1, r))).ToList();
        var ok = runs.Where(r => r.Result.Status == RunStatus.Ok).ToList();
        // A differential verdict needs something to differ from: two runtimes and two cases at least.
        if (ok.Select(r => r.Result.Runtime).Distinct().Count() < 2 || ok.Select(r => r.Case).Distinct().Count() < 2) return;
        // Every cell counts here, short or not: the floor only trims what a report lists.
        var result = DifferentialAnalysis.Analyze(runs, new AnalysisOptions { Threshold = threshold, FloorMs = 0 });
        _findings = result.Findings
            .Where(f => f.IsTiming)
            .GroupBy(f => (f.Case, f.Runtime))
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>The rule every campaign of this tool runs with: verdicts first, the settings' median-CI target for the rest.</summary>
    public static VerdictStoppingRule ForCampaign(CampaignSettings settings) =>
        new(new MedianCiStoppingRule(settings.TargetRelativeCi));

    public StopDecision Decide(CellHistory cell)
    {
        if (!_findings.TryGetValue((cell.Case.Name, cell.Runtime), out var findings))
            return fallback.Decide(cell);
        var open = findings.FirstOrDefault(f => f.Verdict == Verdict.Undecided);
        return open is null
            ? StopDecision.Done($"verdict settled: {(findings[0].Verdict is { } v ? Wire.Name(v) : "")} ×{findings[0].Factor:F2}")
            : StopDecision.Continue($"undecided ×{open.Factor:F2} [{open.CiLow:F2}, {open.CiHigh:F2}]");
    }
}
