using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Tests.Campaigns;

public class BudgetFitTests
{
    private static List<CellCost> Cells() =>
    [
        // Two more runs each; an interpreter cell makes "gemm" the expensive case (2 × 3 s + 2 × 0.1 s).
        new("gemm", 2, 3.0), new("gemm", 2, 0.1),
        new("fib", 2, 0.5), new("fib", 2, 0.1),
        new("sieve", 2, 0.2), new("sieve", 2, 0.1),
    ];

    [Fact]
    public void Everything_is_kept_when_the_projection_fits_the_time_left()
    {
        var check = BudgetFit.Check(TimeSpan.Zero, Cells(), TimeSpan.FromSeconds(60));
        Assert.Empty(check.DroppedCases);
        Assert.Equal(8.0, check.Needed.TotalSeconds, 6);
    }

    [Fact]
    public void The_most_expensive_cases_are_dropped_until_the_rest_fits()
    {
        // 8 s needed; 3 s left (2.7 s with headroom): dropping gemm (6.2 s) leaves 1.8 s, which fits.
        var check = BudgetFit.Check(TimeSpan.Zero, Cells(), TimeSpan.FromSeconds(3));
        Assert.Equal(["gemm"], check.DroppedCases);
        // 1 s left (0.9 s): fib (1.2 s) must go too, sieve (0.6 s) stays.
        Assert.Equal(["gemm", "fib"], BudgetFit.Check(TimeSpan.Zero, Cells(), TimeSpan.FromSeconds(1)).DroppedCases);
    }
}
