using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>run --json</c>: how the campaign ended and its validation matrix.</summary>
public sealed record CampaignDocument(
    string Db, string Campaign, string End, int RunsThisSession, int StoredRuns, int FailedCells, double ElapsedS, long Seed,
    CampaignDocument.ValidationSection Validation)
{
    public sealed record ValidationSection(IReadOnlyList<string> Cases, IReadOnlyList<string> Runtimes, IReadOnlyList<CellEntry> Cells, IReadOnlyDictionary<string, string> Reference);
    public sealed record CellEntry(string Case, string Runtime, int Runs, int OkRuns, string? Status, string? Message, string? StdoutSha256, bool OutputDiffers);

    public static CampaignDocument From(string db, CampaignOutcome o, long seed, ValidationMatrix m) => new(
        db, o.CampaignId, o.End.ToWire(), o.RunsThisSession, o.StoredRuns, o.Failures, Math.Round(o.Elapsed.TotalSeconds, 3), seed,
        new ValidationSection(m.Cases, m.Runtimes,
            m.Cells.Select(c => new CellEntry(c.Case, c.Runtime, c.Runs, c.OkRuns, c.Status?.ToWire(), c.Message, c.StdoutSha256, c.OutputDiffers)).ToList(),
            m.ReferenceSource));
}
