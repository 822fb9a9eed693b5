using WasmPerfDiff.Measurement.Process;

namespace WasmPerfDiff.Runtimes;

/// <summary>
/// The measured child process of one run, where its runner reports phases (a side-channel file, for
/// runners of ours), and the duration of any AOT compile step done beforehand. A launch that could not
/// be prepared carries the reason and the status to record instead.
/// </summary>
public sealed record Launch(ProcessSpec? Spec, string? MarksFile = null, double? AotCompileMs = null)
{
    public string? FailureMessage { get; init; }
    public Measurement.RunStatus FailureStatus { get; init; } = Measurement.RunStatus.HarnessError;

    public static Launch Failed(string message, Measurement.RunStatus status = Measurement.RunStatus.HarnessError) =>
        new((ProcessSpec?)null) { FailureMessage = message, FailureStatus = status };
}
