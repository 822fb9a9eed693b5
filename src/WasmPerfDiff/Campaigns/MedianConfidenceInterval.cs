namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Distribution-free confidence interval of a median from order statistics (Conover, Practical
/// Nonparametric Statistics, §3.2): for sorted x₁ ≤ … ≤ xₙ the interval [x_k, x_{n−k+1}] covers the
/// population median with probability 1 − 2·P(B ≤ k−1), B ~ Binomial(n, ½). We take the largest k
/// whose coverage is still ≥ the confidence level. No assumption on the shape of the timing
/// distribution (run times are skewed and often multi-modal), and no resampling noise as with a
/// bootstrap. With fewer than 6 samples no such k exists at 95 % (even [min, max] covers only
/// 1 − 2⁻⁽ⁿ⁻¹⁾ = 93.75 % at n = 5), so the interval is reported as unbounded.
/// </summary>
public static class MedianConfidenceInterval
{
    public const double DefaultConfidence = 0.95;

    /// <summary>Returns (lower, median, upper), or null when <paramref name="values"/> is too short to bound the median.</summary>
    public static (double Lower, double Median, double Upper)? Compute(IReadOnlyList<double> values, double confidence = DefaultConfidence)
    {
        var n = values.Count;
        if (n == 0) return null;
        var x = values.Order().ToArray();
        var median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        var alpha = 1 - confidence;
        var k = 0;
        // Cumulative binomial P(B ≤ j) built term by term in log space (no overflow for large n).
        var logPmf = n * Math.Log(0.5);
        var cdf = 0.0;
        for (var j = 0; j < n / 2; j++)
        {
            cdf += Math.Exp(logPmf);                   // cdf = P(B ≤ j)
            if (2 * cdf > alpha) break;                 // k = j + 1 would cover less than the confidence
            k = j + 1;
            logPmf += Math.Log((double)(n - j) / (j + 1)); // pmf(j+1) = pmf(j)·(n−j)/(j+1)
        }
        if (k == 0) return null;
        return (x[k - 1], median, x[n - k]);
    }

    /// <summary>Half-width of the interval relative to the median, or +∞ when it cannot be bounded.</summary>
    public static double RelativeHalfWidth(IReadOnlyList<double> values, double confidence = DefaultConfidence) =>
        Compute(values, confidence) is var (lo, med, hi) && med > 0 ? (hi - lo) / 2 / med : double.PositiveInfinity;
}
