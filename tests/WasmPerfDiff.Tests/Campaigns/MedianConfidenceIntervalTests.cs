using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Tests.Campaigns;

public class MedianConfidenceIntervalTests
{
    [Fact]
    public void Five_runs_cannot_bound_the_median_at_95_percent()
    {
        Assert.Null(MedianConfidenceInterval.Compute([1, 2, 3, 4, 5]));
        Assert.True(double.IsPositiveInfinity(MedianConfidenceInterval.RelativeHalfWidth([10, 10, 10, 10, 10])));
    }

    [Fact]
    public void Six_runs_give_the_range()
    {
        var ci = MedianConfidenceInterval.Compute([6, 1, 5, 2, 4, 3]);
        Assert.Equal((1.0, 3.5, 6.0), ci);
    }

    [Fact]
    public void Twenty_runs_use_ranks_6_and_15_as_in_published_tables()
    {
        // Conover's table for n = 20 at 95 %: lower rank 6, upper rank n − 6 + 1 = 15.
        var xs = Enumerable.Range(1, 20).Select(i => (double)i * 10).Reverse().ToList();
        var ci = MedianConfidenceInterval.Compute(xs)!.Value;
        Assert.Equal(60, ci.Lower);
        Assert.Equal(150, ci.Upper);
        Assert.Equal(105, ci.Median);
    }
}
