using WasmPerfDiff.Analysis;
using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>report --json</c> and <c>demo --json</c>: where the files are and what they say in short.</summary>
public sealed record ReportDocument(
    string Html, string? Markdown, string Db, DemoCampaignSection? Campaign, ReportDocument.CountsEntry Counts,
    IReadOnlyList<ReportDocument.RuntimeEntry> Runtimes, IReadOnlyList<ReportDocument.FindingEntry> Findings,
    IReadOnlyList<ReportDocument.StartupEntry> StartupFindings, IReadOnlyList<ReportDocument.DivergenceEntry> Divergences,
    IReadOnlyList<ReportDocument.FailedCell> FailedCells, string? Note)
{
    public sealed record CountsEntry(int Cases, int Runtimes, int Runs, int Anomalies, int StartupAnomalies, int Divergences, int FailedCells);

    public sealed record RuntimeEntry(string Name, string Engine, string Tier, string? Version, double? SpeedFactor, int Cells, int OkCells, int Runs);
    public sealed record FindingEntry(string Id, string Case, string Runtime, double? Factor, double? CiLow, double? CiHigh, Verdict? Verdict, FindingKind Kind, string? Peer);
    public sealed record StartupEntry(string Id, string Case, string Runtime, double? Factor, double? CiLow, double? CiHigh, Verdict? Verdict);
    public sealed record DivergenceEntry(string Case, string Runtime, string? Detail);
    public sealed record FailedCell(string Case, string Runtime, string? Status, string? Message);

    public static ReportDocument From(ReportModel m, ReportFiles files, DemoCampaignSection? campaign = null) => new(
        files.Html, files.Markdown, files.Database, campaign,
        new CountsEntry(m.Counts.Cases, m.Counts.Runtimes, m.Counts.Runs, m.Counts.Anomalies, m.Counts.StartupAnomalies, m.Counts.Divergences, m.Counts.FailedCells),
        m.Runtimes.Select(r => new RuntimeEntry(r.Name, r.Engine, r.Tier, r.Version, r.SpeedFactor, r.Cells, r.OkCells, r.Runs)).ToList(),
        m.TimingFindings.Select(f => new FindingEntry(FindingAnchors.Id(f), f.Case, f.Runtime, f.Factor, f.CiLow, f.CiHigh, f.Verdict, f.Kind, f.Peer)).ToList(),
        m.StartupFindings.Select(f => new StartupEntry(FindingAnchors.Id(f), f.Case, f.Runtime, f.Factor, f.CiLow, f.CiHigh, f.Verdict)).ToList(),
        m.Divergences.Select(f => new DivergenceEntry(f.Case, f.Runtime, f.Detail)).ToList(),
        m.Support.Failed.Select(c => new FailedCell(c.Case, c.Runtime, c.Status?.ToWire(), c.Message)).ToList(),
        m.AnalysisNote);
}

/// <summary>The campaign part of <c>demo --json</c>; <c>DroppedCases</c> are the cases the budget fit stopped short of the minimum runs.</summary>
public sealed record DemoCampaignSection(
    string Id, string End, int Cases, int Runtimes, int Runs, string Size, double BudgetS, double CampaignS, double ElapsedS, long Seed,
    IReadOnlyList<string> DroppedCases);
