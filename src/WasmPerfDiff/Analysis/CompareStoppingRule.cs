using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// Adaptive stopping of a <c>compare</c>, per case: before each round the ratio candidate / baseline of every case is
/// estimated from both cells' runs (<see cref="CompareAnalysis.ExecutionRatio"/>), and both cells of a case stop together
/// once its verdict is settled — faster, slower or same; an unsure case keeps running until <c>--max-runs</c>. The rule
/// looks after every round, and each look is a chance for noise to push a 95 % interval past the threshold, so it stops
/// on a wider, 99 % interval (<see cref="StopConfidence"/>). It judges exactly the runs the case ends with (the scheduler
/// asks again before the round, so no run is added after the decision) and the very bootstrap draws of the final
/// analysis, whose 95 % interval is therefore inside the 99 % one and settled the same way: a case that stopped early is
/// never <c>unsure</c>. A case whose other side failed stops too (there is nothing left to compare).
/// </summary>
public sealed class CompareStoppingRule(CompareSettings compare, long seed) : IStoppingRule
{
    /// <summary>Confidence of the interval the rule stops on (repeated looks, see above).</summary>
    public const double StopConfidence = 0.99;

    /// <summary>Per case: the decision, and the run counts of both sides it was made on.</summary>
    private Dictionary<string, (StopDecision Decision, int BaselineRuns, int CandidateRuns)> _cases = new(StringComparer.Ordinal);

    public void BeginRound(IReadOnlyList<CellHistory> cells)
    {
        var next = new Dictionary<string, (StopDecision, int, int)>(StringComparer.Ordinal);
        foreach (var g in cells.GroupBy(c => c.Case.Name, StringComparer.Ordinal))
        {
            var a = g.FirstOrDefault(c => c.Runtime == compare.Baseline);
            var b = g.FirstOrDefault(c => c.Runtime == compare.CandidateName);
            if (a is null || b is null) continue;
            if (a.Runs.Concat(b.Runs).Any(r => r.Status != Measurement.RunStatus.Ok))
            {
                next[g.Key] = (StopDecision.Done("one side failed"), a.Runs.Count, b.Runs.Count);
                continue;
            }
            if (CompareAnalysis.ExecutionRatio(g.Key, a.Runs, b.Runs, compare, seed, StopConfidence) is not { } r)
                continue;
            var decision = r.Verdict == CompareVerdict.Unsure
                ? StopDecision.Continue($"unsure ×{r.Ratio:F3} [{r.Low:F3}, {r.High:F3}]")
                : StopDecision.Done($"{r.Verdict.ToWire()} ×{r.Ratio:F3} [{r.Low:F3}, {r.High:F3}]");
            next[g.Key] = (decision, a.Runs.Count, b.Runs.Count);
        }
        _cases = next;
    }

    /// <summary>The decision made on exactly this cell's runs; a cell that has run since (in this round) is judged again
    /// before the next one, with its other side's run of the round included.</summary>
    public StopDecision Decide(CellHistory cell)
    {
        if (!_cases.TryGetValue(cell.Case.Name, out var d)) return StopDecision.Continue("too few runs for a ratio interval");
        var judged = cell.Runtime == compare.Baseline ? d.BaselineRuns : d.CandidateRuns;
        return cell.Runs.Count == judged ? d.Decision : StopDecision.Continue("judged again before the next round");
    }
}
