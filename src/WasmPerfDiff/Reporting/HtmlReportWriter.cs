using System.Globalization;
using System.Text;
using WasmPerfDiff.Reporting.Charts;

namespace WasmPerfDiff.Reporting;

/// <summary>
/// Writes the report as one self-contained HTML file: inline CSS, charts as inline SVG, no script,
/// no external resource, so it opens offline and can be mailed or attached as it is. Every text that
/// comes from data (case and runtime names, commands, messages) goes through <see cref="HtmlText.Escape"/>.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The sections in page order: (id, title). Tests check that each id is in the page.</summary>
    public static readonly (string Id, string Title)[] Sections =
    [
        ("machine", "Machine and runtimes"),
        ("speed", "Typical speed"),
        ("support", "Support matrix"),
        ("heatmap", "Residual heatmap"),
        ("findings", "Execution anomalies"),
        ("startup", "Startup and load anomalies"),
        ("tier-inversions", "Tier inversions"),
        ("phases", "Phase breakdown"),
        ("divergences", "Correctness divergences"),
        ("constructs", "Construct fingerprint"),
    ];

    /// <param name="reportDir">Where the file will be, to make flame graph links relative; null keeps them as given.</param>
    public static string Render(ReportModel m, string? reportDir = null)
    {
        var sb = new StringBuilder(256 * 1024);
        var title = $"wasm-perfdiff report — {m.Counts.Cases} cases × {m.Counts.Runtimes} runtimes";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n<style>\n").Append(HtmlStyles.Css).Append("\n</style>\n</head>\n<body>\n");

        sb.Append("<header class=\"top\"><div class=\"wrap\"><h1>wasm-perfdiff report</h1><p>")
          .Append(HtmlText.Escape($"campaign {Short(m.Campaign.Id)} · {m.Campaign.Created.UtcDateTime:yyyy-MM-dd HH:mm} UTC · {m.Campaign.Host.CpuModel}" +
                    (m.Campaign.Host.Cores > 0 ? $" ({m.Campaign.Host.Cores} cores)" : "")))
          .Append("</p></div></header>\n<main class=\"wrap\">\n");

        Cards(sb, m);
        Headline(sb, m);
        Toc(sb, m);
        var sections = new HtmlSections(m, reportDir);
        sections.Compare(sb);
        sections.Machine(sb);
        sections.Speed(sb);
        sections.Support(sb);
        sections.Heatmap(sb);
        sections.Findings(sb);
        sections.Startup(sb);
        sections.TierInversions(sb);
        sections.Phases(sb);
        sections.Divergences(sb);
        sections.Constructs(sb);

        sb.Append("</main>\n<footer class=\"wrap\">Generated ")
          .Append(HtmlText.Escape(m.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
          .Append(" by wasm-perfdiff ").Append(HtmlText.Escape(m.Campaign.Host.ToolVersion))
          .Append(". Robust method: median polish consensus + peer ratios, 95 % bootstrap intervals, threshold ")
          .Append(HtmlText.Escape(ReportFormat.Factor(m.Analysis?.Threshold))).Append(".</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Cards(StringBuilder sb, ReportModel m)
    {
        var c = m.Counts;
        sb.Append("<div class=\"cards\">");
        Card(sb, ReportFormat.Int(c.Cases), "cases", "");
        Card(sb, ReportFormat.Int(c.Runtimes), "runtimes", "");
        Card(sb, ReportFormat.Int(c.Runs), "runs", "");
        Card(sb, ReportFormat.Int(c.Anomalies), "execution anomalies", c.Anomalies > 0 ? "bad" : "good");
        Card(sb, ReportFormat.Int(c.StartupAnomalies), "startup anomalies", c.StartupAnomalies > 0 ? "warn" : "good");
        Card(sb, ReportFormat.Int(c.Divergences + c.FailedCells), "divergent or failed cells", c.Divergences + c.FailedCells > 0 ? "warn" : "good");
        sb.Append("</div>\n");
    }

    private static void Card(StringBuilder sb, string number, string label, string tone) =>
        sb.Append("<div class=\"card ").Append(tone).Append("\"><div class=\"n\">").Append(HtmlText.Escape(number))
          .Append("</div><div class=\"l\">").Append(HtmlText.Escape(label)).Append("</div></div>");

    /// <summary>One sentence a reader can stop at: the fastest runtime and the strongest anomaly.</summary>
    private static void Headline(StringBuilder sb, ReportModel m)
    {
        var fastest = m.Runtimes.Where(r => r.SpeedFactor is not null).MinBy(r => r.SpeedFactor);
        var top = m.TimingFindings.FirstOrDefault(f => f.Verdict == Analysis.Verdict.Anomaly);
        var text = new StringBuilder();
        if (fastest != null) text.Append(HtmlText.Escape($"Fastest runtime: {fastest.Name}. "));
        if (top != null)
            text.Append("Strongest anomaly: <a href=\"#").Append(FindingAnchors.Id(top)).Append("\">")
                .Append(HtmlText.Escape($"{top.Case} on {top.Runtime}")).Append("</a>").Append(HtmlText.Escape($", {ReportFormat.Factor(top.Factor)} slower than predicted (95 % CI {ReportFormat.Ci(top)})."));
        else if (m.Analysis != null) text.Append(HtmlText.Escape("No execution anomaly reaches the threshold with confidence."));
        if (m.AnalysisNote != null) text.Append(" <span class=\"note\">").Append(HtmlText.Escape(m.AnalysisNote)).Append("</span>");
        if (text.Length > 0) sb.Append("<p class=\"headline\">").Append(text).Append("</p>\n");
    }

    /// <summary>The section of a compare campaign, first on its page (absent from other campaigns' reports).</summary>
    public static readonly (string Id, string Title) CompareSection = ("compare", "Compare");

    private static void Toc(StringBuilder sb, ReportModel m)
    {
        sb.Append("<nav class=\"toc\" aria-label=\"contents\"><ol>");
        if (m.Compare is not null)
            sb.Append("<li><a href=\"#").Append(CompareSection.Id).Append("\">").Append(HtmlText.Escape(CompareSection.Title)).Append("</a></li>");
        foreach (var (id, title) in Sections)
            sb.Append("<li><a href=\"#").Append(id).Append("\">").Append(HtmlText.Escape(title)).Append("</a></li>");
        sb.Append("</ol></nav>\n");
    }


    private static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
