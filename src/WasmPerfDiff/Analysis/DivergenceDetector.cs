using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// docs/ARCHITECTURE.md, analysis: correctness differences, reported apart from timing. Each runtime's outcome on a case is
/// its most frequent (status, exit code, stdout hash) over its runs; the case's majority is the outcome most
/// runtimes share (each runtime one vote, however many runs it has). Runtimes whose outcome differs get a
/// finding. Ties between outcomes are broken towards status ok, then by name, so results are stable. A runtime that
/// could not be asked (status unsupported: its runner lacks what the case needs, such as a preopened directory) has
/// no outcome to compare, so it neither votes nor diverges; the support matrix still shows it, with its reason.
/// </summary>
public static class DivergenceDetector
{
    private readonly record struct Outcome(RunStatus Status, int? ExitCode, string StdoutSha256)
    {
        public override string ToString() =>
            $"{Status.ToWire()} exit={ExitCode?.ToString() ?? "-"} stdout={(StdoutSha256.Length > 12 ? StdoutSha256[..12] : StdoutSha256)}";
    }

    public static List<Finding> Findings(IReadOnlyList<CaseRun> runs, IReadOnlyList<string> runtimes, IReadOnlyList<string> exclude)
    {
        var selected = new HashSet<string>(runtimes, StringComparer.Ordinal);
        var perCase = new Dictionary<string, Dictionary<string, Dictionary<Outcome, int>>>(StringComparer.Ordinal);
        // Runs arrive grouped by cell: remember the last cell's counter (see CellTable.Build).
        string? lastCase = null, lastRuntime = null;
        Dictionary<Outcome, int>? counts = null;
        foreach (var run in runs)
        {
            if (!ReferenceEquals(run.Case, lastCase) || !ReferenceEquals(run.Result.Runtime, lastRuntime))
            {
                lastCase = run.Case;
                lastRuntime = run.Result.Runtime;
                counts = null;
                if (!selected.Contains(run.Result.Runtime)) continue;
                if (!perCase.TryGetValue(run.Case, out var byRuntime))
                {
                    if (CellTable.IsExcluded(run.Case, exclude)) continue;
                    perCase[run.Case] = byRuntime = new(StringComparer.Ordinal);
                }
                if (!byRuntime.TryGetValue(run.Result.Runtime, out counts))
                    byRuntime[run.Result.Runtime] = counts = [];
            }
            if (counts is null) continue;
            var o = new Outcome(run.Result.Status, run.Result.ExitCode, run.Result.StdoutSha256);
            counts[o] = counts.GetValueOrDefault(o) + 1;
        }

        var findings = new List<Finding>();
        foreach (var (caseName, byRuntime) in perCase.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (byRuntime.Count < 2) continue;
            var modal = byRuntime.Select(p => (Runtime: p.Key, Outcome: Mode(p.Value)))
                .Where(m => m.Outcome.Status != RunStatus.Unsupported)
                .ToDictionary(m => m.Runtime, m => m.Outcome, StringComparer.Ordinal);
            if (modal.Count < 2) continue;
            var majority = modal.Values.GroupBy(o => o)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key.Status == RunStatus.Ok ? 0 : 1)
                .ThenBy(g => g.Key.ToString(), StringComparer.Ordinal)
                .First();
            foreach (var (runtime, outcome) in modal.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (outcome == majority.Key) continue;
                findings.Add(new Finding(caseName, runtime, null, null, null, Verdict.Anomaly, FindingKind.Divergence,
                    null, 0, $"{outcome} vs majority {majority.Key} ({majority.Count()} of {modal.Count} runtimes)"));
            }
        }
        return findings;
    }

    private static Outcome Mode(Dictionary<Outcome, int> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Status == RunStatus.Ok ? 0 : 1)
            .ThenBy(p => p.Key.ToString(), StringComparer.Ordinal).First().Key;
}
