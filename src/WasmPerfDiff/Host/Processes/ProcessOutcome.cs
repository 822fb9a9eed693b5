namespace WasmPerfDiff.Host.Processes;

/// <summary>What the kernel and the pipes told us about one finished child process.</summary>
public sealed record ProcessOutcome(
    int? ExitCode,
    int? Signal,
    bool TimedOut,
    double WallMs,
    double UserMs,
    double SysMs,
    long MaxRssKb,
    long SpawnUnixNs,
    long ReapUnixNs,
    StreamDigest Stdout,
    StreamDigest Stderr,
    string? SpawnError = null)
{
    public bool Spawned => SpawnError is null;
}
