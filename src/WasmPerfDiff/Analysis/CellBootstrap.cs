namespace WasmPerfDiff.Analysis;

/// <summary>
/// Percentile bootstrap of each cell's median (Efron &amp; Tibshirani 1993, ch. 13): resample the cell's runs
/// with replacement, take the median, repeat <see cref="Resamples"/> times. The b-th resampled log median of
/// every cell is kept so a factor built from several cells (a peer factor uses the cell and its peers'
/// cells) is recomputed on resample b of each of them — cells are measured independently, so pairing
/// independent resamples by index propagates every cell's uncertainty into the factor.
/// Resamples are drawn lazily, only for cells that a candidate finding touches.
/// </summary>
public sealed class CellBootstrap
{
    /// <summary>
    /// Number of resamples. With 1000 the 2.5 % / 97.5 % percentiles are the 25th / 975th order statistics,
    /// whose Monte Carlo wobble is well under the width of the interval for 3–100 runs per cell.
    /// </summary>
    public const int Resamples = 1000;

    /// <summary>Two-sided 95 % interval.</summary>
    public const double LowerQuantile = 0.025, UpperQuantile = 0.975;

    private readonly double[][] _samples;
    private readonly double[]?[]? _baselines;
    private readonly double[]?[] _logMedians;
    private readonly long _seed;

    /// <param name="baselines">Per cell, the baseline runs its samples were reduced by (null: none). Each resample then
    /// also redraws the baseline runs: median(runs*) + median(baseline) − median(baseline*), so the interval holds
    /// the uncertainty of both measurements (they are independent processes).</param>
    public CellBootstrap(double[][] samples, long seed, double[]?[]? baselines = null)
    {
        _samples = samples;
        _baselines = baselines;
        _logMedians = new double[samples.Length][];
        _seed = seed;
    }

    /// <summary>True when every cell has ≥ 2 runs, so an interval means something.</summary>
    public static bool CanBootstrap(double[][] samples)
    {
        foreach (var s in samples)
            if (s.Length < 2) return false;
        return true;
    }

    /// <summary>The <see cref="Resamples"/> log medians of cell <paramref name="cell"/> (deterministic for a seed).</summary>
    public double[] LogMedians(int cell)
    {
        var cached = Volatile.Read(ref _logMedians[cell]);
        if (cached != null) return cached;
        var runs = _samples[cell];
        var result = new double[Resamples];
        var draw = new double[runs.Length];
        var rng = new SplitMix64(SplitMix64.Mix(_seed, cell));
        var baseline = _baselines?[cell];
        var baseDraw = baseline is null ? null : new double[baseline.Length];
        var baseMedian = baseline is null ? 0 : RobustStats.Median(baseline.ToArray());
        // A resampled execution phase can come out ≤ 0 when the baseline is as long as the run; a microsecond keeps the log finite.
        const double minMs = 1e-3;
        for (var b = 0; b < Resamples; b++)
        {
            for (var i = 0; i < draw.Length; i++) draw[i] = runs[rng.NextInt(runs.Length)];
            var median = RobustStats.Median(draw);
            if (baseline != null)
            {
                for (var i = 0; i < baseDraw!.Length; i++) baseDraw[i] = baseline[rng.NextInt(baseline.Length)];
                median += baseMedian - RobustStats.Median(baseDraw);
            }
            result[b] = Math.Log(Math.Max(median, minMs));
        }
        // Two threads may compute the same cell; both get identical arrays, so either may win.
        Volatile.Write(ref _logMedians[cell], result);
        return result;
    }

    /// <summary>95 % percentile interval of exp(values): values are resampled log factors (reordered in place).</summary>
    public static (double Low, double High) Interval(Span<double> logFactors) =>
        (Math.Exp(RobustStats.Percentile(logFactors, LowerQuantile)), Math.Exp(RobustStats.Percentile(logFactors, UpperQuantile)));
}
