using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Tests.Profiling;

/// <summary>Real perf sampling of node running the fixture (needs perf and node on the machine, as CI provides).</summary>
public class NodePerfSamplingTests
{
    [Fact]
    public async Task Hot_loop_is_the_top_guest_function_under_node_turbofan()
    {
        var names = WasmFunctionNames.ReadFile(ProfilingFixtures.HotWasm);
        var launch = new ProfileLaunch(["node", "--no-warnings", "--no-liftoff", "--perf-basic-prof", ProfilingFixtures.NodeRunner,
            ProfilingFixtures.HotWasm, ProfilingFixtures.HotIterations]);

        var run = await Profiler.SampleAsync(launch, names, new PerfOptions());

        Assert.Equal(0, run.ExitCode);
        var top = GuestFunctionShares.Top(run.Profile);
        Assert.Equal("hot_loop", top[0].Function);
        // hot.c spends nearly all guest time in hot_loop; node's own startup is host time.
        Assert.True(top[0].SelfSamples > 0.9 * top.Sum(f => f.SelfSamples), string.Join(", ", top.Take(5)));
    }
}
