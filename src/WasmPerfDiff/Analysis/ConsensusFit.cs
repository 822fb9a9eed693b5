namespace WasmPerfDiff.Analysis;

/// <summary>
/// The consensus of a table as a report shows it: each runtime's typical speed and every cell's residual.
/// <see cref="SpeedFactors"/>[r] is runtime r's typical time relative to the fastest runtime (1 = fastest);
/// <see cref="LogResiduals"/>[case][runtime] = ln(observed / predicted) of the cell median, so exp of it is
/// "this runtime is k× slower on this case than its usual speed predicts". <see cref="ShortCases"/> are the
/// cases below the duration floor (shown, but not ranked).
/// </summary>
public sealed record ConsensusSummary(
    IReadOnlyList<string> Cases,
    IReadOnlyList<string> Runtimes,
    double[] SpeedFactors,
    double[][] LogResiduals,
    IReadOnlySet<string> ShortCases);

/// <summary>
/// The consensus model of the analysis (docs/ARCHITECTURE.md) kept for display: Tukey median polish of log cell
/// medians, log t[c,r] = overall + case[c] + runtime[r] + e[c,r]. The runtime effects give each runtime's
/// typical speed, the residuals the heatmap.
/// </summary>
public static class ConsensusFit
{
    /// <summary>The summary of a table whose cell medians are known; null when it has no complete case.</summary>
    public static ConsensusSummary? Summarize(CellTable table, double[] cellMedians, IReadOnlySet<string> shortCases)
    {
        if (table.CaseCount == 0 || table.RuntimeCount == 0) return null;
        var fit = MedianPolish.Fit(cellMedians.Select(m => Math.Log(m)).ToArray(), table.CaseCount, table.RuntimeCount);
        var residuals = Enumerable.Range(0, table.CaseCount)
            .Select(c => fit.Residual.AsSpan(c * table.RuntimeCount, table.RuntimeCount).ToArray()).ToArray();
        return new ConsensusSummary(table.Cases, table.Runtimes, SpeedFactors(fit), residuals, shortCases);
    }

    /// <summary>
    /// Typical time of each runtime relative to the fastest: exp(runtime[r] − min over r' of runtime[r']).
    /// The runtime effect is the log time a runtime adds on a typical case, so the difference of two effects is
    /// the log of their typical time ratio, and the fastest runtime gets exactly 1.
    /// </summary>
    public static double[] SpeedFactors(MedianPolishFit fit)
    {
        var fastest = fit.Column.Min();
        return fit.Column.Select(e => Math.Exp(e - fastest)).ToArray();
    }
}
