using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// Adaptive stopping of a <c>compare</c>, per case: before each round the ratio candidate / baseline of every case is
/// estimated from both cells' runs (<see cref="CompareAnalysis.ExecutionRatio"/>, fewer resamples than the final
/// analysis), and both cells of a case stop together once its verdict is settled — faster, slower or same; an
/// unsure case keeps running until <c>--max-runs</c>. The rule looks after every round, and each look is a chance for
/// noise to push a 95 % interval past the threshold, so it stops on a wider, 99 % interval (<see cref="StopConfidence"/>);
/// the final verdict is the analysis's 95 % one on all the runs. A case whose other side failed stops too (there is nothing left to compare).
/// </summary>
public sealed class CompareStoppingRule(CompareSettings compare, long seed) : IStoppingRule
{
    private const int QuickResamples = 1000;

    /// <summary>Confidence of the interval the rule stops on (repeated looks, see above).</summary>
    public const double StopConfidence = 0.99;
    private Dictionary<string, StopDecision> _cases = new(StringComparer.Ordinal);

    public void BeginRound(IReadOnlyList<CellHistory> cells)
    {
        var next = new Dictionary<string, StopDecision>(StringComparer.Ordinal);
        foreach (var g in cells.GroupBy(c => c.Case.Name, StringComparer.Ordinal))
        {
            var a = g.FirstOrDefault(c => c.Runtime == compare.Baseline);
            var b = g.FirstOrDefault(c => c.Runtime == compare.CandidateName);
            if (a is null || b is null) continue;
            if (a.Runs.Concat(b.Runs).Any(r => r.Status != Measurement.RunStatus.Ok))
            {
                next[g.Key] = StopDecision.Done("one side failed");
                continue;
            }
            if (CompareAnalysis.ExecutionRatio(a.Runs, b.Runs, compare, seed, QuickResamples, StopConfidence) is not { } r)
                continue;
            next[g.Key] = r.Verdict == CompareVerdict.Unsure
                ? StopDecision.Continue($"unsure ×{r.Ratio:F3} [{r.Low:F3}, {r.High:F3}]")
                : StopDecision.Done($"{r.Verdict.ToWire()} ×{r.Ratio:F3} [{r.Low:F3}, {r.High:F3}]");
        }
        _cases = next;
    }

    public StopDecision Decide(CellHistory cell) =>
        _cases.TryGetValue(cell.Case.Name, out var d) ? d : StopDecision.Continue("too few runs for a ratio interval");
}
