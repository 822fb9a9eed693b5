namespace WasmPerfDiff.Campaigns;

/// <summary>
/// A snapshot reported after every run. <see cref="RemainingRunsAtMost"/> is the bound if every
/// active cell went to --max-runs; <see cref="EtaAtMost"/> is that times the mean run time so far,
/// capped by what is left of --max-time.
/// </summary>
public sealed record CampaignProgress(
    int DoneRuns,
    int RemainingRunsAtMost,
    int ActiveCells,
    int TotalCells,
    int Failures,
    string? CurrentCell,
    string Phase,
    TimeSpan Elapsed,
    TimeSpan? EtaAtMost);
