namespace WasmPerfDiff.Analysis;

/// <summary>
/// WarpDiff's ranking, reproduced exactly (docs/ARCHITECTURE.md): per case the vector of mean times in the given
/// runtime order, L2-normalized (v / ‖v‖₂); centre = arithmetic mean of the normalized rows (not
/// renormalized); score = Euclidean distance of a row to the centre, ranked descending; deviation of a
/// runtime = normalized − centre (positive: slower than its usual share).
/// </summary>
public static class WarpDiffMethod
{
    public sealed record Output(IReadOnlyList<RankingRow> Ranking, IReadOnlyDictionary<string, double> Centre, IReadOnlyList<Finding> Findings);

    public static Output Rank(CellTable table)
    {
        int n = table.CaseCount, rt = table.RuntimeCount;
        var normalized = new double[n * rt];
        for (var c = 0; c < n; c++)
        {
            double sumSquares = 0;
            for (var r = 0; r < rt; r++)
            {
                var mean = Mean(table.Samples[c * rt + r]);
                normalized[c * rt + r] = mean;
                sumSquares += mean * mean;
            }
            var norm = Math.Sqrt(sumSquares);
            for (var r = 0; r < rt; r++) normalized[c * rt + r] /= norm;
        }
        var centre = new double[rt];
        for (var c = 0; c < n; c++)
        for (var r = 0; r < rt; r++)
            centre[r] += normalized[c * rt + r];
        for (var r = 0; r < rt; r++) centre[r] /= Math.Max(1, n);

        var rows = new List<(RankingRow Row, int Worst, double WorstDeviation)>(n);
        for (var c = 0; c < n; c++)
        {
            double squared = 0;
            var deviation = new Dictionary<string, double>(StringComparer.Ordinal);
            int worst = 0;
            for (var r = 0; r < rt; r++)
            {
                var d = normalized[c * rt + r] - centre[r];
                squared += d * d;
                deviation[table.Runtimes[r]] = d;
                if (d > normalized[c * rt + worst] - centre[worst]) worst = r;
            }
            rows.Add((new RankingRow(table.Cases[c], Math.Sqrt(squared), deviation), worst, normalized[c * rt + worst] - centre[worst]));
        }
        rows.Sort((a, b) => b.Row.Distance != a.Row.Distance
            ? b.Row.Distance.CompareTo(a.Row.Distance)
            : string.CompareOrdinal(a.Row.Case, b.Row.Case));

        // Each ranked case names the runtime with the largest positive deviation. WarpDiff has no verdict or
        // interval; factor = that runtime's normalized share over the centre's share, score = distance.
        var findings = rows.Select(x => new Finding(x.Row.Case, table.Runtimes[x.Worst],
            (centre[x.Worst] + x.WorstDeviation) / centre[x.Worst], null, null, null, FindingKind.Consensus, null,
            x.Row.Distance, $"deviation {x.WorstDeviation:+0.000;-0.000}")).ToList();
        var centreByName = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var r = 0; r < rt; r++) centreByName[table.Runtimes[r]] = centre[r];
        return new Output(rows.Select(x => x.Row).ToList(), centreByName, findings);
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }
}
