namespace WasmPerfDiff.Campaigns;

/// <summary>
/// A snapshot reported after every run. <see cref="RemainingRunsAtMost"/> is the bound if every
/// active cell went to --max-runs; <see cref="EtaAtMost"/> is that times the mean run time so far,
/// capped by what is left of --max-time. <see cref="SettledCells"/> stopped because their verdict cannot change;
/// <see cref="ActiveCells"/> are still open, <see cref="UndecidedCells"/> of them with a verdict that more runs would decide.
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
    TimeSpan? EtaAtMost)
{
    public int SettledCells { get; init; }
    public int UndecidedCells { get; init; }
}
