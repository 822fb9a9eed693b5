using System.Globalization;
using System.Text;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Exporters;

/// <summary>
/// Per-cell summary in Markdown: runs n, median wall time, MAD (median absolute deviation,
/// MAD = median |xᵢ − median x|, unscaled: a spread measure that one outlier run cannot inflate),
/// median execute phase, and the cell's status (first non-ok status, else ok).
/// </summary>
public sealed class CellSummaryMarkdown : IExporter<CampaignExport>
{
    public string Format => ExportFormat.Md.ToWire();
    public string Extension => ".md";

    public void Write(TextWriter w, CampaignExport data) => Write(w, data.Runs, data.MeansOnly);

    public static void Write(TextWriter w, IEnumerable<CaseRun> runs, bool meansOnly = false)
    {
        var sb = new StringBuilder();
        sb.Append("| case | runtime | n | median wall ms | MAD ms | median execute ms | status |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---|\n");
        foreach (var cell in runs.GroupBy(r => (r.Case, r.Result.Runtime))
                     .OrderBy(g => g.Key.Case, StringComparer.Ordinal).ThenBy(g => g.Key.Runtime, StringComparer.Ordinal))
        {
            var ok = cell.Where(r => r.Result.Status == RunStatus.Ok).Select(r => r.Result).ToList();
            var walls = ok.Select(r => r.WallMs).ToList();
            var exec = ok.Where(r => r.Phases.ExecuteMs.HasValue).Select(r => r.Phases.ExecuteMs!.Value).ToList();
            var status = cell.FirstOrDefault(r => r.Result.Status != RunStatus.Ok)?.Result.Status ?? RunStatus.Ok;
            var median = Median(walls);
            var mad = median is { } m ? Median(walls.Select(x => Math.Abs(x - m)).ToList()) : null;
            // Names come from data (manifests, imports, configs): escaped like the report's, so '|', newlines and HTML stay text.
            sb.Append($"| {MarkdownText.Escape(cell.Key.Case)} | {MarkdownText.Escape(cell.Key.Runtime)} | {cell.Count()} | {Num(median)} | {Num(mad)} | {Num(Median(exec))} | {status.ToWire()} |\n");
        }
        if (meansOnly) sb.Append("\nRuns are published means (WarpDiff), not single runs: n counts means and MAD is not a run-to-run spread.\n");
        w.Write(sb.ToString());
    }

    private static double? Median(IReadOnlyList<double> xs) => xs.Count == 0 ? null : RobustStats.Median(xs.ToArray());

    private static string Num(double? v) => v is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "–";
}
