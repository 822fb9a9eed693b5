using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// The consensus model of the analysis (DESIGN §6 a), kept for display: Tukey median polish of
/// log cell medians, log t[c,r] = overall + case[c] + runtime[r] + e[c,r]. The runtime effects give
/// each runtime's typical speed, the residuals the heatmap.
/// </summary>
public static class ConsensusFit
{
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

    /// <summary>Fits the table's cell medians; null when there are no complete cases.</summary>
    public static MedianPolishFit? Fit(CellTable table)
    {
        if (table.CaseCount == 0 || table.RuntimeCount == 0) return null;
        var medians = DifferentialAnalysis.CellMedians(table);
        var y = medians.Select(m => Math.Log(m)).ToArray();
        return MedianPolish.Fit(y, table.CaseCount, table.RuntimeCount);
    }

    /// <summary>The residuals as rows per case (log factors).</summary>
    public static double[][] Residuals(MedianPolishFit fit, int cases, int runtimes) =>
        Enumerable.Range(0, cases).Select(c => fit.Residual.AsSpan(c * runtimes, runtimes).ToArray()).ToArray();
}
