using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Measurement;

/// <summary>Runs one request on one runtime: prepare, spawn and measure the child, classify the outcome.</summary>
public static class RuntimeRunner
{
    public static async Task<RunResult> RunAsync(this IRuntime runtime, RunRequest request, CancellationToken cancellationToken = default) =>
        (await RunCoreAsync(runtime, request, LaunchOptions.Default, cancellationToken)).Result;

    /// <summary>
    /// One run followed by a warm second run in the same process (<see cref="IRuntime.CanRunWarm"/>): the result of the
    /// first, and the execution times of both as the runner's side channel saw them (the whole <c>_start</c> each time, so
    /// the two compare like with like even when the guest has markers). Warm is null when the runtime cannot run warm,
    /// the first run failed, or the second did not end as the first did (<see cref="WarmRun.Problem"/> says why).
    /// </summary>
    public static async Task<WarmRun> RunWarmAsync(this IRuntime runtime, RunRequest request, CancellationToken cancellationToken = default)
    {
        if (!runtime.CanRunWarm)
            return new WarmRun(await runtime.RunAsync(request, cancellationToken), null, null, $"{runtime.Name} cannot be invoked warm");
        var (result, marks) = await RunCoreAsync(runtime, request, LaunchOptions.Default with { Warm = true }, cancellationToken);
        static double? Ms(long? from, long? to) => from is long f && to is long t && t >= f ? (t - f) / 1e6 : null;
        var cold = result.Status == RunStatus.Ok ? Ms(marks?.InstantiatedNs, marks?.ExecutedNs) : null;
        var warm = cold is null ? null : Ms(marks?.WarmInstantiatedNs, marks?.WarmExecutedNs);
        var problem = result.Status != RunStatus.Ok ? $"the run ended {result.Status.ToWire()}"
            : warm is null ? marks?.WarmMessage ?? "the runner reported no warm run" : null;
        return new WarmRun(result, cold, warm, problem);
    }

    private static async Task<(RunResult Result, SideChannelMarks? Marks)> RunCoreAsync(IRuntime runtime, RunRequest request, LaunchOptions options,
        CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        Launch launch;
        try
        {
            // Checked before spawning: a module or stdin file that vanished is said as such, not as a spawn error.
            request.Validate();
            launch = await runtime.PrepareAsync(request, options, cancellationToken);
            if (launch.Spec is { } spec && (string.IsNullOrEmpty(spec.Executable) || !File.Exists(spec.Executable)))
                launch = Launch.Failed($"runtime program '{spec.Executable}' does not exist (removed during the campaign?)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or BadInputException)
        {
            launch = Launch.Failed(e.Message);
        }
        if (launch.Spec is null)
            return (RunClassifier.NotRun(runtime.Name, launch.Unsupported ? RunStatus.Unsupported : RunStatus.HarnessError, launch.FailureMessage ?? "not run", startedAt), null);

        try
        {
            var markers = new GuestMarkerScanner();
            var outcome = await ChildProcess.RunAsync(launch.Spec, markers.Append, cancellationToken);
            var marks = launch.MarksFile is null ? null : SideChannelMarks.TryRead(launch.MarksFile);
            return (RunClassifier.Classify(runtime.Name, outcome, markers, marks, launch.MarksFile is not null, launch.AotCompileMs, startedAt), marks);
        }
        finally
        {
            foreach (var file in launch.ScratchFiles) File.Delete(file);
        }
    }
}

/// <summary>
/// A run and its warm second run (<see cref="RuntimeRunner.RunWarmAsync"/>): <see cref="ColdMs"/> is the first run's
/// <c>_start</c> (lazy compilation, tier-up, first touch of memory included), <see cref="WarmMs"/> the second's in a new
/// instance of the same compiled module; cold − warm is what the runtime pays once per process. The run's wall time and
/// teardown include the second run, so a warm run's result is for classification reruns only and never stored.
/// </summary>
public sealed record WarmRun(RunResult Run, double? ColdMs, double? WarmMs, string? Problem);
