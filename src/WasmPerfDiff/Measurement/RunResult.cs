namespace WasmPerfDiff.Measurement;

/// <summary>
/// One measured run of one program on one runtime configuration. This single record is what the
/// measurement produces, what the store keeps, and what analysis and export read back.
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
