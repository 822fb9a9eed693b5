using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// Adaptive stopping of a <c>compare</c>, per case: before each round the ratio candidate / baseline of every case is
/// estimated from both cells' runs (<see cref="CompareAnalysis.ExecutionRatio"/>, fewer resamples than the final
/// analysis), and both cells of a case stop together once its verdict is settled — faster, slower or same; an
/// unsure case keeps running until <c>--max-runs</c>. A case whose other side failed stops too (there is nothing left to compare).
/// </summary>
public sealed class CompareStoppingRule(CompareSettings compare, long seed) : IStoppingRule
{
    private const int QuickResamples = 500;
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
            if (CompareAnalysis.ExecutionRatio(a.Runs, b.Runs, compare.Threshold, seed, QuickResamples) is not { } r)
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
