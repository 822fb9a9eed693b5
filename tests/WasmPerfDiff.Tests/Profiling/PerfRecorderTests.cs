using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Tests.Profiling;

public class PerfRecorderTests
{
    [Fact]
    public void A_paranoid_kernel_refusal_becomes_the_sysctl_fix()
    {
        // The shape of perf 6.1's refusal for an unprivileged user with kernel.perf_event_paranoid = 3.
        const string refusal = """
            Error:
            Access to performance monitoring and observability operations is limited.
            Consider adjusting /proc/sys/kernel/perf_event_paranoid setting to open
            access to performance monitoring and observability operations for processes
            without CAP_PERFMON, CAP_SYS_PTRACE or CAP_SYS_ADMIN Linux capability.
            """;
        var error = PerfRecorder.Explain(refusal);
        Assert.Contains("sysctl kernel.perf_event_paranoid=1", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_perf_wrapper_without_a_build_for_this_kernel_names_the_package()
    {
        Assert.Contains("apt-get install linux-perf", PerfRecorder.Explain("E: linux-perf-6.12 is not installed.").Message);
        Assert.Contains("apt-get install linux-perf", PerfRecorder.Explain("WARNING: perf not found for kernel 6.12").Message);
        Assert.StartsWith("perf record failed: ", PerfRecorder.Explain("some other\nlast line").Message);
    }

    [Fact]
    public async Task A_perf_that_cannot_be_started_is_a_usage_error_naming_the_package()
    {
        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            PerfRecorder.CheckAvailableAsync(new PerfOptions(PerfPath: "/nonexistent/perf")));
        Assert.Contains("apt-get install linux-perf", error.Message);
    }

    [Support.RequiresPerfFact]
    public async Task Perf_on_this_machine_can_sample()
    {
        await PerfRecorder.CheckAvailableAsync(new PerfOptions());
    }
}
