using WasmPerfDiff.Store;
using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>import db --json</c>.</summary>
public sealed record MergeDocument(string Db, int CampaignsAdded, int RunsAdded, int RunsAlreadyPresent, int CasesAdded)
{
    public static MergeDocument From(string db, MergeResult r) => new(db, r.CampaignsAdded, r.RunsAdded, r.RunsAlreadyPresent, r.CasesAdded);
}

/// <summary><c>import warpdiff --json</c>: the published means always come as means only.</summary>
public sealed record WarpDiffImportDocument(string Db, string Campaign, int Cases, int Runtimes, int Runs, bool MeansOnly)
{
    public static WarpDiffImportDocument From(string db, WarpDiffImportResult r) => new(db, r.CampaignId, r.Cases, r.Runtimes, r.Runs, true);
}
