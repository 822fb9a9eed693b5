using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>A candidate that lost its loop's exit is cut off after seconds scaled to the original, not after a minute.</summary>
public sealed class CandidateTimeoutTests
{
    private static SideTimes Side(string runtime, double? ms) => new(runtime, 9, ms, null);

    [Fact]
    public void The_timeout_is_five_seconds_plus_ten_times_the_original_slowest_side()
    {
        Assert.Equal(TimeSpan.FromSeconds(12), ReductionSpec.CandidateTimeout([Side("v8-liftoff", 700), Side("wasmtime-winch", 140)]));
    }

    [Fact]
    public void A_slow_original_keeps_the_default_and_an_unmeasured_side_counts_as_nothing()
    {
        Assert.Equal(ReductionSpec.DefaultRunTimeout, ReductionSpec.CandidateTimeout([Side("wasm3", 30_000)]));
        Assert.Equal(TimeSpan.FromSeconds(5), ReductionSpec.CandidateTimeout([Side("wasm3", null)]));
    }
}
