using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Tests.Measurement;

/// <summary>How the outcome of a real child process becomes a run: status and phases.</summary>
public sealed class RunClassifierTests
{
    private static async Task<RunResult> Classify(string script, SideChannelMarks? marks = null, bool expectedMarks = false)
    {
        var markers = new GuestMarkerScanner();
        var o = await ChildProcess.RunAsync(new ProcessSpec("/bin/sh", ["-c", script], TimeSpan.FromSeconds(20)), markers.Append);
        return RunClassifier.Classify("rt", o, markers, marks, expectedMarks, null, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Guest_markers_define_the_execute_phase()
    {
        var r = await Classify("echo '@perfdiff begin 1000000000' >&2; echo '@perfdiff end 1400000000' >&2");
        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal(400.0, r.Phases.ExecuteMs!.Value, 6);
    }

    [Fact]
    public async Task A_cli_runtime_that_prints_a_trap_is_a_trap()
    {
        var r = await Classify("echo 'Error: wasm trap: integer divide by zero' >&2; exit 134");
        Assert.Equal(RunStatus.Trap, r.Status);
        Assert.Contains("divide by zero", r.Message);
    }

    [Fact]
    public async Task A_plain_failure_is_exit_nonzero()
    {
        var r = await Classify("exit 3");
        Assert.Equal(RunStatus.ExitNonzero, r.Status);
        Assert.Equal(3, r.ExitCode);
    }

    [Fact]
    public async Task A_runner_that_reports_nothing_is_a_harness_error()
    {
        var r = await Classify("exit 0", marks: null, expectedMarks: true);
        Assert.Equal(RunStatus.HarnessError, r.Status);
    }

    [Fact]
    public async Task The_side_channel_decides_traps_and_refusals()
    {
        Assert.Equal(RunStatus.Trap, (await Classify("exit 1", new SideChannelMarks { Status = RunnerStatus.Trap, Message = "unreachable" }, true)).Status);
        Assert.Equal(RunStatus.Unsupported, (await Classify("exit 1", new SideChannelMarks { Status = RunnerStatus.Unsupported }, true)).Status);
    }
}
