namespace WasmPerfDiff.Analysis;

/// <summary>
/// Order statistics on spans, written out because the analysis calls them millions of times on small
/// arrays and must not allocate. All of them reorder the span they are given.
/// </summary>
public static class RobustStats
{
    /// <summary>
    /// Consistency constant of the MAD: for normal data, 1.4826 × MAD estimates the standard deviation
    /// (1 / Φ⁻¹(3/4)); Rousseeuw &amp; Croux (1993).
    /// </summary>
    public const double MadToSigma = 1.4826;

    /// <summary>Median: middle order statistic, mean of the two middle ones for an even count. NaN when empty.</summary>
    public static double Median(Span<double> values)
    {
        var n = values.Length;
        if (n == 0) return double.NaN;
        if (n == 1) return values[0];
        if (n == 2) return 0.5 * (values[0] + values[1]);
        var upper = Select(values, n / 2);
        if ((n & 1) == 1) return upper;
        // After selecting the (n/2)-th value, everything left of it is ≤ it: the lower middle is their maximum.
        var lower = values[0];
        for (var i = 1; i < n / 2; i++)
            if (values[i] > lower) lower = values[i];
        return 0.5 * (lower + upper);
    }

    /// <summary>Median absolute deviation from <paramref name="center"/>, scaled to a normal σ (× 1.4826).</summary>
    public static double ScaledMad(ReadOnlySpan<double> values, double center, Span<double> scratch)
    {
        for (var i = 0; i < values.Length; i++) scratch[i] = Math.Abs(values[i] - center);
        return MadToSigma * Median(scratch[..values.Length]);
    }

    /// <summary>
    /// Percentile by linear interpolation between order statistics (Hyndman &amp; Fan type 7, the default of
    /// R and NumPy): position p·(n−1) in the sorted values. Sorts the span.
    /// </summary>
    public static double Percentile(Span<double> values, double p)
    {
        if (values.Length == 0) return double.NaN;
        values.Sort();
        var pos = p * (values.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, values.Length - 1);
        return values[lo] + (pos - lo) * (values[hi] - values[lo]);
    }

    /// <summary>Hoare's quickselect: puts the k-th smallest value at index k, smaller ones before it. Expected O(n).</summary>
    public static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (hi > lo)
        {
            // Median of three as pivot keeps sorted and reverse-sorted input linear.
            var mid = lo + ((hi - lo) >> 1);
            if (a[mid] < a[lo]) (a[mid], a[lo]) = (a[lo], a[mid]);
            if (a[hi] < a[lo]) (a[hi], a[lo]) = (a[lo], a[hi]);
            if (a[hi] < a[mid]) (a[hi], a[mid]) = (a[mid], a[hi]);
            var pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }
}
