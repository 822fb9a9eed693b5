using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Measurement;

/// <summary>Runs one request on one runtime: prepare, spawn and measure the child, classify the outcome.</summary>
public static class RuntimeRunner
{
    public static async Task<RunResult> RunAsync(this IRuntime runtime, RunRequest request, CancellationToken cancellationToken = default)
    {
        var startedAt = DateTimeOffset.UtcNow;
        Launch launch;
        try
        {
            // Checked before spawning: a module or stdin file that vanished is said as such, not as a spawn error.
            request.Validate();
            launch = await runtime.PrepareAsync(request, LaunchOptions.Default, cancellationToken);
            if (launch.Spec is { } spec && (string.IsNullOrEmpty(spec.Executable) || !File.Exists(spec.Executable)))
                launch = Launch.Failed($"runtime program '{spec.Executable}' does not exist (removed during the campaign?)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or BadInputException)
        {
            launch = Launch.Failed(e.Message);
        }
        if (launch.Spec is null)
            return RunClassifier.NotRun(runtime.Name, launch.Unsupported ? RunStatus.Unsupported : RunStatus.HarnessError, launch.FailureMessage ?? "not run", startedAt);

        try
        {
            var markers = new GuestMarkerScanner();
            var outcome = await ChildProcess.RunAsync(launch.Spec, markers.Append, cancellationToken);
            var marks = launch.MarksFile is null ? null : SideChannelMarks.TryRead(launch.MarksFile);
            return RunClassifier.Classify(runtime.Name, outcome, markers, marks, launch.MarksFile is not null, launch.AotCompileMs, startedAt);
        }
        finally
        {
            foreach (var file in launch.ScratchFiles) File.Delete(file);
        }
    }
}
