using WasmPerfDiff.Measurement;
using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Cli.Reporting;

/// <summary>The JSON document of <c>report --json</c> and <c>demo --json</c>: where the files are and what they say in short.</summary>
public static class ReportJson
{
    public static object Of(ReportModel m, ReportFiles files, object? campaign = null) => new
    {
        html = files.Html,
        markdown = files.Markdown,
        db = files.Database,
        campaign,
        counts = m.Counts,
        runtimes = m.Runtimes.Select(r => new { r.Name, r.Engine, r.Tier, r.Version, speed_factor = r.SpeedFactor, r.Cells, r.OkCells, r.Runs }),
        findings = m.TimingFindings.Select(f => new { id = FindingAnchors.Id(f), f.Case, f.Runtime, f.Factor, ci_low = f.CiLow, ci_high = f.CiHigh, f.Verdict, f.Kind, f.Peer }),
        startup_findings = m.StartupFindings.Select(f => new { id = FindingAnchors.Id(f), f.Case, f.Runtime, f.Factor, ci_low = f.CiLow, ci_high = f.CiHigh, f.Verdict }),
        divergences = m.Divergences.Select(f => new { f.Case, f.Runtime, f.Detail }),
        failed_cells = m.Support.Failed.Select(c => new { c.Case, c.Runtime, status = c.Status?.ToWire(), c.Message }),
        note = m.AnalysisNote,
    };
}
