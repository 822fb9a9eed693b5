using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// One (case, runtime) cell of the validation matrix. <see cref="Status"/> is the first non-ok
/// status of the cell (its failure class), ok when every run was ok, null when it never ran.
/// <see cref="StdoutSha256"/> is the most frequent output hash of its completed runs;
/// <see cref="OutputDiffers"/> compares it with the case's reference output.
/// </summary>
public sealed record ValidationCell(
    string Case,
    string Runtime,
    int Runs,
    int OkRuns,
    RunStatus? Status,
    string? Message,
    string? StdoutSha256,
    bool OutputDiffers);

/// <summary>
/// Which cases ran on which runtimes, how each cell failed, and whose output differs. The
/// reference output of a case is its expected hash when the corpus knows it, otherwise the hash
/// most runtimes agree on (a strict plurality; on a tie there is no reference and nothing is flagged).
/// </summary>
public sealed record ValidationMatrix(
    IReadOnlyList<string> Cases,
    IReadOnlyList<string> Runtimes,
    IReadOnlyList<ValidationCell> Cells,
    IReadOnlyDictionary<string, string> ReferenceSource)
{
    public ValidationCell? Cell(string @case, string runtime) =>
        Cells.FirstOrDefault(c => c.Case == @case && c.Runtime == runtime);

    public IEnumerable<ValidationCell> Failed => Cells.Where(c => c.Status is { } s && s != RunStatus.Ok);

    public IEnumerable<ValidationCell> Divergent => Cells.Where(c => c.OutputDiffers);

    public static ValidationMatrix Build(IReadOnlyList<CaseRecord> cases, IReadOnlyList<string> runtimes, IEnumerable<CaseRun> runs)
    {
        var byCell = runs.GroupBy(r => (r.Case, r.Result.Runtime)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Round).ToList());
        var caseNames = cases.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var runtimeNames = runtimes.Order(StringComparer.Ordinal).ToList();
        var cells = new List<ValidationCell>();
        var sources = new Dictionary<string, string>();
        foreach (var c in cases.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var partial = runtimeNames.Select(rt => Summarize(c.Name, rt, byCell.GetValueOrDefault((c.Name, rt)) ?? [])).ToList();
            var (reference, source) = c.ExpectedStdoutSha256 is { } exp
                ? (exp, "expected")
                : (Plurality(partial.Select(p => p.StdoutSha256)), "majority");
            if (reference != null) sources[c.Name] = source;
            cells.AddRange(partial.Select(p => p with
            {
                OutputDiffers = reference != null && p.StdoutSha256 != null
                                && !string.Equals(p.StdoutSha256, reference, StringComparison.OrdinalIgnoreCase),
            }));
        }
        return new ValidationMatrix(caseNames, runtimeNames, cells, sources);
    }

    private static ValidationCell Summarize(string @case, string runtime, List<CaseRun> stored)
    {
        var runs = RetriedFailures.Current(stored);
        var firstBad = runs.FirstOrDefault(r => r.Result.Status != RunStatus.Ok)?.Result;
        // Outputs count only from runs that completed the program (ok, or ok but flagged mismatch).
        var hash = Plurality(runs.Where(r => r.Result.Status is RunStatus.Ok or RunStatus.Mismatch && r.Result.StdoutSha256.Length > 0)
            .Select(r => r.Result.StdoutSha256));
        return new ValidationCell(@case, runtime, runs.Count, runs.Count(r => r.Result.Status == RunStatus.Ok),
            runs.Count == 0 ? null : firstBad?.Status ?? RunStatus.Ok, firstBad?.Message, hash, false);
    }

    /// <summary>The most frequent non-null value, or null when there is none or the top is tied.</summary>
    private static string? Plurality(IEnumerable<string?> values)
    {
        var counts = values.OfType<string>().GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, Count: g.Count())).OrderByDescending(x => x.Count).Take(2).ToList();
        return counts.Count switch
        {
            0 => null,
            1 => counts[0].Key,
            _ => counts[0].Count > counts[1].Count ? counts[0].Key : null,
        };
    }
}
