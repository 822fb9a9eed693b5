using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Runtimes;

/// <summary>
/// The measured child process of one run, where its runner reports phases (a side-channel file, for
/// runners of ours), and the duration of any AOT compile step done beforehand. A launch that could not
/// be prepared carries the reason instead, and whether the runtime refused the module (unsupported) or
/// the harness failed to prepare it.
/// </summary>
public sealed record Launch(ProcessSpec? Spec, string? MarksFile = null, double? AotCompileMs = null)
{
    public string? FailureMessage { get; init; }

    /// <summary>Files the run leaves that nobody reads afterwards (the side channel and any runner log): deleted after it.</summary>
    public IEnumerable<string> ScratchFiles => MarksFile is null ? ExtraScratchFiles : [MarksFile, .. ExtraScratchFiles];

    /// <summary>Scratch files besides the side channel, e.g. V8's log when profiling.</summary>
    public IReadOnlyList<string> ExtraScratchFiles { get; init; } = [];

    /// <summary>True when this runtime cannot run the module here (missing, or its AOT compiler refused it).</summary>
    public bool Unsupported { get; init; }

    /// <summary>The harness could not prepare the run.</summary>
    public static Launch Failed(string message) => new((ProcessSpec?)null) { FailureMessage = message };

    /// <summary>The runtime cannot run this module here.</summary>
    public static Launch Refused(string message) => new((ProcessSpec?)null) { FailureMessage = message, Unsupported = true };
}
