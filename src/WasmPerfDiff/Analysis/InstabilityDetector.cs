namespace WasmPerfDiff.Analysis;

/// <summary>
/// docs/ARCHITECTURE.md, analysis: a cell whose runs scatter far more than that runtime's runs usually do (a JIT tier that
/// sometimes kicks in, a GC that sometimes runs, a cache effect). Relative spread of a cell = interquartile
/// range / median of its runs (scale-free). The IQR rather than the MAD: the MAD ignores up to half of the
/// runs, so a cell where a third of the runs take a slow path would look steady; the IQR sees a quarter.
/// The runtime's typical spread = median of its cells' relative spreads over the analysed cases.
/// Factor = cell spread / typical spread.
/// </summary>
public static class InstabilityDetector
{
    /// <summary>A spread this many times the runtime's typical one is "far beyond" it.</summary>
    public const double SpreadRatio = 5;

    /// <summary>Below 5 % relative IQR a cell is steady enough not to report, whatever its runtime's typical spread.</summary>
    public const double MinRelativeSpread = 0.05;

    /// <summary>Floor of the typical spread (0.5 %): timers and schedulers do not do better, so smaller typical spreads are luck.</summary>
    public const double MinTypicalSpread = 0.005;

    /// <summary>A spread needs at least three runs.</summary>
    public const int MinRuns = 3;

    public static List<Finding> Findings(CellTable table, double[] cellMedians, IReadOnlyList<int> caseIndices)
    {
        var findings = new List<Finding>();
        var rt = table.RuntimeCount;
        var spread = new double[table.Samples.Length];
        Array.Fill(spread, double.NaN);
        foreach (var c in caseIndices)
        for (var r = 0; r < rt; r++)
        {
            var cell = c * rt + r;
            var runs = table.Samples[cell];
            if (runs.Length < MinRuns) continue;
            var sorted = runs.ToArray();
            var q1 = RobustStats.Percentile(sorted, 0.25);
            var q3 = RobustStats.Percentile(sorted, 0.75);
            spread[cell] = (q3 - q1) / cellMedians[cell];
        }
        for (var r = 0; r < rt; r++)
        {
            var column = caseIndices.Select(c => spread[c * rt + r]).Where(s => !double.IsNaN(s)).ToArray();
            if (column.Length < TimingModel.MinCases) continue;
            var typical = Math.Max(MinTypicalSpread, RobustStats.Median(column));
            foreach (var c in caseIndices)
            {
                var s = spread[c * rt + r];
                if (double.IsNaN(s) || s < MinRelativeSpread || s < SpreadRatio * typical) continue;
                var ratio = s / typical;
                findings.Add(new Finding(table.Cases[c], table.Runtimes[r], ratio, null, null, Verdict.Anomaly,
                    FindingKind.Instability, null, ratio,
                    $"relative IQR {s:P0} vs {typical:P1} typical for {table.Runtimes[r]}"));
            }
        }
        findings.Sort((a, b) => b.Score.CompareTo(a.Score));
        return findings;
    }
}
