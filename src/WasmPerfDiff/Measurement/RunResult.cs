namespace WasmPerfDiff.Measurement;

/// <summary>
/// One measured run of one program on one runtime configuration. This single record is what the
/// measurement produces, what the store keeps, and what analysis and export read back.
/// <para><see cref="MaxRssKb"/> is the runtime process's peak resident set in KiB as the kernel accounts it
/// (wait4 rusage, measured through the launcher); 0 means unknown: the run did not start, or the launcher
/// could not be built (no C compiler), where wait4 would report the tool's own RSS instead.</para>
/// </summary>
public sealed record RunResult(
    string Runtime,
    RunStatus Status,
    int? ExitCode,
    int? Signal,
    double WallMs,
    double UserMs,
    double SysMs,
    long MaxRssKb,
    long StdoutBytes,
    string StdoutSha256,
    long StderrBytes,
    string StderrSha256,
    Phases Phases,
    DateTimeOffset StartedAt,
    string? Message = null,
    PhaseMethod PhaseMethod = PhaseMethod.Wall);
