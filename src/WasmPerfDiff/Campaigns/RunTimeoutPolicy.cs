namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Per-run timeout: a fixed one when the user gave <c>--timeout</c>; otherwise a multiple of the
/// cell's expected time (median of its earlier runs, warmups included) with a floor, so a cell that
/// suddenly takes 10× its usual time is cut off, while short cells still get room for noise.
/// </summary>
public sealed class RunTimeoutPolicy(TimeSpan? fixedTimeout)
{
    /// <summary>How much slower than usual a run may be before it counts as hung.</summary>
    public const double ExpectedTimeMultiple = 10;

    /// <summary>Never less than this: process start alone can take a second on a loaded machine.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(10);

    /// <summary>Before any run of the cell is known: generous, since calibrated cases aim at ~0.5 s.</summary>
    public static readonly TimeSpan FirstRun = TimeSpan.FromSeconds(60);

    public TimeSpan For(IReadOnlyList<double> earlierWallMs)
    {
        if (fixedTimeout is { } t) return t;
        if (earlierWallMs.Count == 0) return FirstRun;
        var sorted = earlierWallMs.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var scaled = TimeSpan.FromMilliseconds(median * ExpectedTimeMultiple);
        return scaled > Floor ? scaled : Floor;
    }
}
