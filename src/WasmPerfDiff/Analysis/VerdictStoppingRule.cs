using WasmPerfDiff.Measurement;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// Adaptive stopping by the analysis itself (docs/ARCHITECTURE.md): before each round the robust model is fitted to
/// every run so far and every cell gets a verdict, whether or not the analysis would list it. A cell stops once its
/// verdict is settled: the bootstrap interval of its slowdown factor (at the analysis's level, with at least
/// <see cref="CellBootstrap.MinRuns"/> runs in every cell it compares) lies wholly above the threshold (<c>anomaly</c>)
/// or wholly below it (<c>no-anomaly</c>). A cell whose interval straddles the threshold is <c>undecided</c>: it keeps
/// running and goes first in the next round. So the budget goes where a verdict is still open (racing, or successive
/// elimination in bandit terms), instead of asking every cell for the same precision. A cell of a case the model
/// leaves out (a runtime failed on it) can have no verdict and stops; <paramref name="fallback"/> decides only when no
/// model can be fitted yet (fewer than two runtimes or <see cref="TimingModel.MinCases"/> cases with ok runs).
/// </summary>
public sealed class VerdictStoppingRule(IStoppingRule fallback, double threshold = AnalysisOptions.DefaultThreshold) : IStoppingRule
{
    private Dictionary<(string Case, string Runtime), Finding> _verdicts = [];
    private HashSet<string> _incomplete = [];
    private bool _fitted;

    public void BeginRound(IReadOnlyList<CellHistory> cells)
    {
        _fitted = false;
        var runs = cells.SelectMany(c => c.Runs.Select((r, i) => new CaseRun(c.Case.Name, i + 1, r))).ToList();
        var ok = runs.Where(r => r.Result.Status == RunStatus.Ok).ToList();
        // A differential verdict needs something to differ from: two runtimes and a few cases at least.
        if (ok.Select(r => r.Result.Runtime).Distinct().Count() < 2 || ok.Select(r => r.Case).Distinct().Count() < TimingModel.MinCases) return;
        var table = CellTable.Build(runs, CellTable.SelectRuntimes(runs, null), [], AnalysisPhase.Execution);
        if (table.RuntimeCount < 2 || table.CaseCount < TimingModel.MinCases) return;
        var medians = DifferentialAnalysis.CellMedians(table);
        var bootstrap = new CellBootstrap(table.Samples, 1, table.RuntimeCount, table.Baselines);
        // Every case counts here, short or not (the floor only trims what a report lists), and every cell gets an interval.
        var all = Enumerable.Range(0, table.CaseCount).ToList();
        _verdicts = TimingModel.Findings(table, medians, all, threshold, bootstrap, listFrom: 0)
            .ToDictionary(f => (f.Case, f.Runtime));
        // A case missing from the table although every one of its cells has run lacks ok runs on some runtime: no verdict is possible.
        var inTable = table.Cases.ToHashSet(StringComparer.Ordinal);
        _incomplete = cells.GroupBy(c => c.Case.Name, StringComparer.Ordinal)
            .Where(g => !inTable.Contains(g.Key) && g.All(c => c.Runs.Count > 0))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        _fitted = true;
    }

    /// <summary>The rule every campaign of this tool runs with: verdicts first, the settings' median-CI target until a model can be fitted.</summary>
    public static VerdictStoppingRule ForCampaign(CampaignSettings settings) =>
        new(new MedianCiStoppingRule(settings.TargetRelativeCi));

    public StopDecision Decide(CellHistory cell)
    {
        if (!_fitted) return fallback.Decide(cell);
        if (_incomplete.Contains(cell.Case.Name)) return StopDecision.Done("no verdict possible: a runtime has no ok run of this case");
        if (!_verdicts.TryGetValue((cell.Case.Name, cell.Runtime), out var f)) return fallback.Decide(cell);
        return f.Verdict is Verdict.Anomaly or Verdict.NoAnomaly
            ? StopDecision.Settled($"verdict settled: {Wire.Name(f.Verdict.Value)} ×{f.Factor:F2} [{f.CiLow:F2}, {f.CiHigh:F2}]")
            : StopDecision.Open(f.CiLow is null
                ? $"undecided ×{f.Factor:F2}: a cell it compares has too few runs"
                : $"undecided ×{f.Factor:F2} [{f.CiLow:F2}, {f.CiHigh:F2}]");
    }
}
