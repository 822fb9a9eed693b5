using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>The two rules that class a finding's excess, on the two shapes of excess they are meant to tell apart.</summary>
public class ExcessRulesTests
{
    // F's usual ratio to P is 1.5 (r₀); the finding says F is 2× that at the case's size.

    [Fact]
    public void A_fixed_cost_that_the_second_size_does_not_grow_is_fixed()
    {
        // P: 10 → 20 ms; F usual 15 → 30 ms plus a 15 ms one-time cost: 30 → 45 ms.
        var call = ExcessRules.BySize(2, 30, 10, 45, 20, "size", out var why);
        Assert.Null(why);
        Assert.Equal(ExcessClass.Fixed, call!.Class);
        Assert.Equal(0, call.Share, 3);
        Assert.Equal(15, call.ExcessMs, 3);
    }

    [Fact]
    public void Slow_code_that_grows_with_the_size_is_throughput()
    {
        // F is 2 × 1.5 × P at both sizes.
        var call = ExcessRules.BySize(2, 30, 10, 60, 20, "size", out _);
        Assert.Equal(ExcessClass.Throughput, call!.Class);
        Assert.Equal(1, call.Share, 3);
    }

    [Fact]
    public void A_peer_that_did_not_get_slower_gives_no_call_and_says_why()
    {
        Assert.Null(ExcessRules.BySize(2, 30, 10, 31, 10.2, "size", out var why));
        Assert.Contains("did not get slower", why);
    }

    [Fact]
    public void A_cost_gone_in_the_warm_run_is_fixed()
    {
        // Cold: F = 1.5·10 + 15 (lazy compile) = 30, P = 10; warm: F = 1.5·9, P = 9 (both lose 1 ms of first touch).
        var call = ExcessRules.ByWarmRun(2, 30, 10, 13.5, 9, "warm", out var why);
        Assert.Null(why);
        Assert.Equal(ExcessClass.Fixed, call!.Class);
        Assert.Equal(0, call.Share, 3);
        Assert.Contains("still there when warm", call.Detail);
    }

    [Fact]
    public void Slow_code_is_as_slow_warm_and_is_throughput_even_when_the_peer_itself_runs_faster_warm()
    {
        // F = 2 × 1.5 × P cold and warm; the peer's own warm run is 30 % faster (its first-touch cost).
        var call = ExcessRules.ByWarmRun(2, 30, 10, 21, 7, "warm", out _);
        Assert.Equal(ExcessClass.Throughput, call!.Class);
        Assert.Equal(1, call.Share, 3);
    }

    [Fact]
    public void Half_fixed_half_slow_code_is_split_by_the_share()
    {
        // Excess 15 ms at P = 10: 7.5 ms one-time, 7.5 ms slow code (0.75 ms per ms of P). Warm: F = 1.5·10 + 7.5.
        var call = ExcessRules.ByWarmRun(2, 30, 10, 22.5, 10, "warm", out _);
        Assert.Equal(0.5, call!.Share, 3);
        Assert.Equal(ExcessClass.Throughput, call.Class); // ½ is the line: at least half grows with the work
    }

    [Fact]
    public void No_excess_left_in_the_reruns_gives_no_call()
    {
        Assert.Null(ExcessRules.ByWarmRun(1, 15, 10, 15, 10, "warm", out var why)); // factor 1: F is at its usual ratio, no excess
        Assert.NotNull(why);
    }

    [Fact]
    public void An_excess_of_the_whole_run_that_lies_in_loading_is_fixed_and_one_in_execution_is_left_to_the_reruns()
    {
        // P: 40 ms of which 30 executing; F usual 1× P, plus 40 ms of slow start: 80 ms of which 30 executing.
        var call = ExcessRules.ByPhases(2, 80, 30, 40, 30, "phases", out var why);
        Assert.Null(why);
        Assert.Equal(ExcessClass.Fixed, call!.Class);
        Assert.Equal(0, call.Share, 3);
        // The same excess inside execution: the phases cannot tell a lazy compile from slow code.
        Assert.Null(ExcessRules.ByPhases(2, 80, 70, 40, 30, "phases", out why));
        Assert.Contains("execution phase", why);
    }

    private static (ExcessCall? Call, string? Why) Sized(double[] m) => (ExcessRules.BySize(2, m[0], m[1], m[2], m[3], "size", out var why), why);

    [Fact]
    public void Reruns_whose_medians_say_fixed_but_whose_interval_straddles_the_threshold_get_no_class_and_keep_the_interval()
    {
        // The fasta/v8: F "got faster" when the work doubled (5.3 → 2.8 ms) in medians of three noisy reruns.
        double[][] noisy = [[5.3, 2.1, 9.8], [2.0, 1.2, 3.1], [2.8, 8.9, 2.2], [3.9, 2.6, 6.0]];
        Assert.Equal(ExcessClass.Fixed, Sized(noisy.Select(s => WasmPerfDiff.Analysis.RobustStats.Median(s.ToArray())).ToArray()).Call!.Class);

        var call = ExcessRules.WithInterval(noisy, Sized, ExcessRules.DefaultThroughputShare, seed: 1, out var why, out var interval);
        Assert.Null(call);
        Assert.NotNull(why);
        if (interval is { } iv)
        {
            Assert.True(iv.Low < 0.5 && iv.High >= 0.5, $"interval {iv.Low:0.00}–{iv.High:0.00}");
            Assert.Contains("straddles 50 %", why);
        }
        else Assert.Contains("leave no excess", why);
    }

    [Fact]
    public void Steady_reruns_of_slow_code_are_throughput_with_an_interval_wholly_above_the_threshold()
    {
        // F is 2 × 1.5 × P at both sizes, within ±2 %.
        double[][] steady = [[30, 30.4, 29.6, 30.2], [10, 10.1, 9.9, 10.05], [60, 60.5, 59.5, 60.2], [20, 20.2, 19.8, 20.1]];
        var call = ExcessRules.WithInterval(steady, Sized, ExcessRules.DefaultThroughputShare, seed: 1, out var why, out var interval);
        Assert.Null(why);
        Assert.Equal(ExcessClass.Throughput, call!.Class);
        Assert.True(call.ShareLow >= 0.5 && call.ShareHigh >= call.ShareLow, $"{call.ShareLow}–{call.ShareHigh}");
        Assert.Equal((call.ShareLow!.Value, call.ShareHigh!.Value), interval);
        Assert.Contains("95 % interval of the share", call.Detail);
    }
}
