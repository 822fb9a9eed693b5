using WasmPerfDiff.Profiling;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Tests.Workflows;

/// <summary>How often a reduced program is sampled: enough for its shorter run to give twice the samples a profile needs.</summary>
public class ReductionFlameGraphTests
{
    [Fact]
    public void A_short_run_is_sampled_faster_within_the_cap_and_the_kernels_limit()
    {
        var hz = ReductionFlameGraph.Frequency(17);
        Assert.InRange(hz, PerfOptions.DefaultFrequencyHz, 20_000);
        var limit = int.Parse(File.ReadAllText("/proc/sys/kernel/perf_event_max_sample_rate").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Min(20_000, limit), hz);
    }

    [Fact]
    public void A_long_or_unknown_run_keeps_perfs_default_rate()
    {
        Assert.Equal(PerfOptions.DefaultFrequencyHz, ReductionFlameGraph.Frequency(2_000));
        Assert.Equal(PerfOptions.DefaultFrequencyHz, ReductionFlameGraph.Frequency(0));
        Assert.Equal(PerfOptions.DefaultFrequencyHz, ReductionFlameGraph.Frequency(null));
    }

    [Fact]
    public void A_run_in_between_gets_twice_the_samples_a_profile_needs()
    {
        // 200 ms: 2 × 200 samples in 0.2 s = 2000 Hz.
        Assert.Equal(2 * ProfileCaveats.MinSamples * 5, ReductionFlameGraph.Frequency(200));
    }
}
