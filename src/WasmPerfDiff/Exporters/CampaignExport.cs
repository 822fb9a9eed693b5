using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Exporters;

/// <summary>
/// What <c>export</c> writes from: every campaign of the file and every run, whether they are published means, and a
/// compare's verdicts when the file's own campaign is a compare (the Markdown of a compare is its pull-request comment).
/// </summary>
public sealed record CampaignExport(IReadOnlyList<CampaignRecord> Campaigns, IReadOnlyList<RunRow> Rows, bool MeansOnly, CompareSummary? Compare)
{
    public IEnumerable<CaseRun> Runs => Rows.Select(r => r.Run);
}
