using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// Typical phase durations per runtime. Per phase: the median over the runtime's cells of each cell's
/// median (ok runs only). Taking cell medians first gives every case one vote, however many runs it got
/// from the adaptive stopping rule, and the outer median keeps one huge case from dominating.
/// </summary>
public static class PhaseSummary
{
    public static IReadOnlyList<PhaseBreakdown> Build(IReadOnlyList<CaseRun> runs, IReadOnlyList<string> runtimes)
    {
        var result = new List<PhaseBreakdown>();
        foreach (var rt in runtimes)
        {
            var cells = runs.Where(r => r.Result.Runtime == rt && r.Result.Status == RunStatus.Ok)
                .GroupBy(r => r.Case, StringComparer.Ordinal).Select(g => g.Select(r => r.Result).ToList()).ToList();
            if (cells.Count == 0) continue;
            double? Typical(Func<RunResult, double?> phase)
            {
                var perCell = cells.Select(c => MedianOrNull(c.Select(phase))).OfType<double>().ToArray();
                return perCell.Length == 0 ? null : RobustStats.Median(perCell);
            }
            result.Add(new PhaseBreakdown(rt,
                Typical(r => r.Phases.StartupMs), Typical(r => r.Phases.CompileMs), Typical(r => r.Phases.InstantiateMs),
                Typical(r => r.Phases.ExecuteMs), Typical(r => r.Phases.TeardownMs), Typical(r => r.WallMs) ?? 0));
        }
        return result;
    }

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToArray();
        return known.Length == 0 ? null : RobustStats.Median(known);
    }
}

/// <summary>Typical phase durations of one runtime in ms (null when it does not report that phase).</summary>
public sealed record PhaseBreakdown(
    string Runtime,
    double? StartupMs,
    double? CompileMs,
    double? InstantiateMs,
    double? ExecuteMs,
    double? TeardownMs,
    double WallMs);
