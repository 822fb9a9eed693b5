namespace WasmPerfDiff.Analysis;

/// <summary>
/// Bootstrap of each cell's median (Efron &amp; Tibshirani 1993, ch. 13): resample the cell's runs with
/// replacement, take the median, repeat <see cref="Resamples"/> times. The b-th resampled log median of
/// every cell is kept so a factor built from several cells (a peer factor uses the cell and its peers'
/// cells) is recomputed on resample b of each of them — cells are measured independently, so pairing
/// independent resamples by index propagates every cell's uncertainty into the factor.
/// Resamples are drawn lazily, only for cells that a candidate finding touches.
/// <para>Small cells: an interval needs at least <see cref="MinRuns"/> runs in every cell it uses (the
/// caller leaves the verdict undecided otherwise). Below <see cref="SmallRuns"/> runs the plain percentile
/// bootstrap of a median is far too narrow: with 3 runs its 2.5 % bound is the smallest run, which lies above
/// the true median one time in eight (12.5 %; 3.1 % at 5 runs). There the cell's resamples are widened to
/// the runtime's own noise: the median of n draws from the runtime's pooled within-cell noise (differences
/// of two runs of one cell, / √2, over all its cells: heavy tails and bursts included), centred on the
/// cell's median — whichever of the two resample sets is wider is used. bench/coverage measures the rate
/// at which the lower bound lies above the true value: at most the nominal 2.5 % at 3, 5 and 10 runs.</para>
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

    /// <summary>Fewest runs per cell for an interval, hence for an <c>anomaly</c> / <c>no-anomaly</c> verdict.</summary>
    public const int MinRuns = 3;

    /// <summary>Below this many runs the cell's interval is widened to its runtime's pooled noise.</summary>
    public const int SmallRuns = 20;

    /// <summary>The pooled noise is scaled up by this much: a factor is a cell's median against a fitted consensus
    /// or peers, whose own error the cell's runs do not show (bench/coverage: without it the lower bound lay
    /// above the truth in 2.6–2.8 % of cells at 10 runs).</summary>
    public const double PooledInflation = 1.15;

    /// <summary>Pairs taken per cell and in all per runtime for the pooled noise.</summary>
    private const int PairsPerCell = 45, MaxPool = 50_000;

    private readonly double[][] _samples;
    private readonly double[]?[]? _baselines;
    private readonly double[]?[] _logMedians;
    private readonly double[]?[] _pools;
    private readonly int _runtimeCount;
    private readonly long _seed;

    /// <param name="runtimeCount">Cells are laid out case-major (cell = case × runtimeCount + runtime), as in <see cref="CellTable"/>;
    /// 0 = no pooling (every cell its own runtime).</param>
    /// <param name="baselines">Per cell, the baseline runs its samples were reduced by (null: none). Each resample then
    /// also redraws the baseline runs: median(runs*) + median(baseline) − median(baseline*), so the interval holds
    /// the uncertainty of both measurements (they are independent processes).</param>
    public CellBootstrap(double[][] samples, long seed, int runtimeCount = 0, double[]?[]? baselines = null)
    {
        _samples = samples;
        _baselines = baselines;
        _logMedians = new double[samples.Length][];
        _runtimeCount = runtimeCount;
        _pools = new double[Math.Max(runtimeCount, 1)][];
        _seed = seed;
    }

    /// <summary>True when every cell has ≥ 2 runs (the instability detector's need).</summary>
    public static bool CanBootstrap(double[][] samples)
    {
        foreach (var s in samples)
            if (s.Length < 2) return false;
        return true;
    }

    /// <summary>True when cell <paramref name="cell"/> has enough runs for an interval (<see cref="MinRuns"/>).</summary>
    public bool HasInterval(int cell) => _samples[cell].Length >= MinRuns;

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
        if (runs.Length < SmallRuns && _runtimeCount > 0 && Pool(cell % _runtimeCount) is { Length: > 0 } pool)
        {
            var copy = runs.ToArray();
            var centre = Math.Log(RobustStats.Median(copy));
            var pooled = new double[Resamples];
            for (var b = 0; b < Resamples; b++)
            {
                for (var i = 0; i < draw.Length; i++) draw[i] = pool[rng.NextInt(pool.Length)];
                pooled[b] = centre + PooledInflation * RobustStats.Median(draw);
            }
            if (Width(pooled) > Width(result)) result = pooled;
        }
        // Two threads may compute the same cell; both get identical arrays, so either may win.
        Volatile.Write(ref _logMedians[cell], result);
        return result;
    }

    private static double Width(double[] values)
    {
        var copy = values.ToArray();
        return RobustStats.Percentile(copy, UpperQuantile) - RobustStats.Percentile(copy, LowerQuantile);
    }

    /// <summary>Runtime <paramref name="runtime"/>'s within-cell noise in log units: (log x_i − log x_j)/√2 over pairs
    /// of runs of each of its cells (symmetric, with the variance of one run's noise).</summary>
    private double[] Pool(int runtime)
    {
        var cached = Volatile.Read(ref _pools[runtime]);
        if (cached != null) return cached;
        var pool = new List<double>();
        var cells = 0;
        for (var cell = runtime; cell < _samples.Length; cell += _runtimeCount) cells++;
        var perCell = Math.Max(1, Math.Min(PairsPerCell, MaxPool / Math.Max(1, cells)));
        for (var cell = runtime; cell < _samples.Length; cell += _runtimeCount)
        {
            var runs = _samples[cell];
            var taken = 0;
            for (var i = 0; i < runs.Length && taken < perCell; i++)
                for (var j = i + 1; j < runs.Length && taken < perCell; j++, taken++)
                {
                    var d = (Math.Log(runs[i]) - Math.Log(runs[j])) / Math.Sqrt(2);
                    pool.Add(d);
                    pool.Add(-d);
                }
        }
        var result = pool.ToArray();
        Volatile.Write(ref _pools[runtime], result);
        return result;
    }

    /// <summary>95 % percentile interval of exp(values): values are resampled log factors (reordered in place).</summary>
    public static (double Low, double High) Interval(Span<double> logFactors) =>
        (Math.Exp(RobustStats.Percentile(logFactors, LowerQuantile)), Math.Exp(RobustStats.Percentile(logFactors, UpperQuantile)));
}
