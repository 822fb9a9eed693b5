using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Embedded;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>
/// The embedded Wasmtime worker's teardown: the runtime's own (store, module and engine dropped) ends at the
/// worker's <c>torn_down_ns</c>; writing the side channel and the .NET worker's exit come after and are not counted.
/// </summary>
public sealed class WorkerTeardownTests
{
    [Fact]
    public void The_worker_reports_when_the_runtime_was_torn_down()
    {
        var marksFile = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-teardown-").FullName, "marks.json");
        var run = CliProcess.Run(WasmtimeWorker.Verb, "--tier", "winch", "--marks", marksFile, "--", TestModules.Wat("hello"));
        Assert.True(run.ExitCode == 0, run.Stderr);

        var marks = SideChannelMarks.TryRead(marksFile);
        Assert.NotNull(marks);
        Assert.Equal(RunnerStatus.Ok, marks.Status);
        Assert.True(marks.TornDownNs >= marks.ExecutedNs, $"torn down {marks.TornDownNs}, executed {marks.ExecutedNs}");
    }

    [Fact]
    public void The_side_channel_reads_back_what_the_worker_wrote()
    {
        var marks = new SideChannelMarks
        {
            Status = RunnerStatus.Trap, ExitCode = 3, Message = "wasm trap: \"unreachable\" at é\n", StartNs = 1, LoadedNs = 2,
            CompiledNs = 3, InstantiatedNs = 4, ExecutedNs = 5, TornDownNs = 6, WarmInstantiatedNs = null, WarmExecutedNs = 8, WarmMessage = null,
        };
        var file = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-marks-").FullName, "m.json");
        marks.Write(file);
        Assert.Equal(marks, SideChannelMarks.TryRead(file));
    }

    [Fact]
    public async Task Teardown_ends_when_the_runtime_was_torn_down_not_when_the_worker_exited()
    {
        var o = await ChildProcess.RunAsync(new ProcessSpec("/bin/sh", ["-c", "exit 0"], TimeSpan.FromSeconds(20)));
        var marks = new SideChannelMarks { Status = RunnerStatus.Ok, ExitCode = 0, StartNs = 900_000_000, LoadedNs = 950_000_000,
            CompiledNs = 960_000_000, InstantiatedNs = 970_000_000, ExecutedNs = 1_410_000_000, TornDownNs = 1_450_000_000 };

        var sideChannel = RunClassifier.Classify("rt", o, new GuestMarkerScanner(), marks, true, null, DateTimeOffset.UtcNow);
        Assert.Equal(40.0, sideChannel.Phases.TeardownMs!.Value, 6);

        var markers = new GuestMarkerScanner();
        markers.Append("@perfdiff begin 1000000000\n@perfdiff end 1400000000\n"u8);
        var guest = RunClassifier.Classify("rt", o, markers, marks, true, null, DateTimeOffset.UtcNow);
        Assert.Equal(400.0, guest.Phases.ExecuteMs!.Value, 6);
        Assert.Equal(50.0, guest.Phases.TeardownMs!.Value, 6);
    }
}
