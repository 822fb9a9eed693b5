using System.Text;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Reporting;

/// <summary>
/// The report as GitHub-flavoured Markdown, short enough to paste into an issue: summary, runtimes,
/// the top findings and the divergences. Data text is escaped so a case name cannot break a table
/// or inject HTML.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>Rows of the findings table: an issue comment is read, not scrolled.</summary>
    public const int TopFindings = 15;

    public static string Render(ReportModel m)
    {
        var sb = new StringBuilder();
        var c = m.Counts;
        var h = m.Campaign.Host;
        sb.AppendLine("## wasm-perfdiff report").AppendLine();
        sb.AppendLine($"**{c.Cases} cases × {c.Runtimes} runtimes, {c.Runs} runs** on {MarkdownText.Escape(h.CpuModel)} ({h.Cores} cores, {MarkdownText.Escape(h.Os)}, kernel {MarkdownText.Escape(h.Kernel)}); " +
                      $"campaign `{MarkdownText.InCode(m.Campaign.Id)}`, {m.Campaign.Created.UtcDateTime:yyyy-MM-dd HH:mm} UTC" +
                      (m.Settings is { } s ? $", size `{MarkdownText.InCode(s.Size)}`, {s.MinRuns}–{s.MaxRuns} runs per cell" : "") + ".");
        sb.AppendLine();
        sb.AppendLine($"- execution anomalies: **{c.Anomalies}**; startup/load anomalies: **{c.StartupAnomalies}**");
        sb.AppendLine($"- correctness divergences: **{c.Divergences}**; failed cells: **{c.FailedCells}**");
        if (m.Analysis is { } a)
            sb.AppendLine($"- method: {Wire.Name(a.Method)}, {Wire.Name(a.Phase)} phase, threshold {ReportFormat.Factor(a.Threshold)}, {a.FloorText} ({a.BelowFloorCases} of {a.Cases} cases below it); phases by {(a.MethodSummary.Length > 0 ? a.MethodSummary : "unknown")} cells");
        if (m.AnalysisNote != null) sb.AppendLine($"- note: {MarkdownText.Escape(m.AnalysisNote)}");
        sb.AppendLine();

        if (m.Compare is { } cmp)
        {
            sb.AppendLine($"### Compare: `{MarkdownText.InCode(cmp.Candidate)}` against `{MarkdownText.InCode(cmp.Baseline)}`").AppendLine();
            sb.AppendLine($"**{MarkdownText.Escape(cmp.Headline())}** (ratio = candidate / baseline of the {cmp.Measure}, 95 % intervals, threshold ±{cmp.Threshold * 100:0.##} %)").AppendLine();
            var changed = cmp.Cases.Where(x => x.Verdict is CompareVerdict.Slower or CompareVerdict.Faster).ToList();
            if (changed.Count > 0)
            {
                sb.AppendLine($"| case | verdict | {MarkdownText.Escape(cmp.MetricName)} ratio | 95 % interval |");
                sb.AppendLine("|---|---|--:|---|");
                foreach (var x in changed)
                    sb.AppendLine(FormattableString.Invariant($"| {MarkdownText.Escape(x.Case)} | {x.Verdict.ToWire()} | ×{x.Execution!.Ratio:0.000} | [{x.Execution.Low:0.000}, {x.Execution.High:0.000}] |"));
                sb.AppendLine();
            }
            else sb.AppendLine(MarkdownText.Escape(cmp.NoChangeSentence())).AppendLine();
        }

        sb.AppendLine("### Runtimes").AppendLine();
        sb.AppendLine("| runtime | version | typical time vs fastest | cells ok |");
        sb.AppendLine("|---|---|--:|--:|");
        foreach (var r in m.Runtimes.OrderBy(r => r.SpeedFactor ?? double.MaxValue).ThenBy(r => r.Name, StringComparer.Ordinal))
            sb.AppendLine($"| {MarkdownText.Escape(r.Name)} | {MarkdownText.Escape(r.Version ?? "unknown")} | {ReportFormat.Factor(r.SpeedFactor)} | {r.OkCells}/{r.Cells} |");
        sb.AppendLine();

        if (m.Hosts.Count > 1)
        {
            sb.AppendLine("### Hosts").AppendLine();
            sb.AppendLine("All runtimes of a case ran on one host (merged shards).").AppendLine();
            sb.AppendLine("| campaign | shard | node | CPU | runs | cases |");
            sb.AppendLine("|---|---|---|---|--:|---|");
            foreach (var share in m.Hosts)
                sb.AppendLine($"| `{MarkdownText.InCode(share.CampaignId[..Math.Min(8, share.CampaignId.Length)])}` {MarkdownText.Escape(share.Origin)} | {MarkdownText.Escape(share.Shard ?? "–")} | {MarkdownText.Escape(share.Node ?? "–")} | {MarkdownText.Escape(share.Host.CpuModel)} ({share.Host.Cores} cores) | {share.Runs} | {share.Cases.Count}: {MarkdownText.Escape(string.Join(", ", share.Cases))} |");
            sb.AppendLine();
        }

        sb.AppendLine("### Top execution findings").AppendLine();
        var findings = m.TimingFindings;
        if (findings.Count == 0) sb.AppendLine("_none_");
        else
        {
            sb.AppendLine("| # | case | runtime | slower by | 95 % CI | verdict | compared with |");
            sb.AppendLine("|--:|---|---|--:|--:|---|---|");
            for (var i = 0; i < findings.Count && i < TopFindings; i++)
            {
                var f = findings[i];
                sb.AppendLine($"| {i + 1} | {MarkdownText.Escape(f.Case)} | {MarkdownText.Escape(f.Runtime)} | {ReportFormat.Factor(f.Factor)} | {ReportFormat.Ci(f)} | {VerdictText(f.Verdict)} | {MarkdownText.Escape(ReportFormat.Basis(f))} |");
            }
            if (findings.Count > TopFindings) sb.AppendLine().AppendLine($"_{findings.Count - TopFindings} more in the HTML report._");
            var explained = findings.Take(TopFindings).Where(f => f.Explanations is { Count: > 0 }).ToList();
            if (explained.Count > 0)
            {
                sb.AppendLine().AppendLine("Constructs that may explain them (used a lot by the module, unusually slow on the runtime):").AppendLine();
                foreach (var f in explained)
                    sb.AppendLine($"- {MarkdownText.Escape(f.Case)} on {MarkdownText.Escape(f.Runtime)}: {string.Join("; ", f.Explanations!.Select(e => MarkdownText.Escape(e.Text)))}");
            }
        }
        sb.AppendLine();

        AnomalyTable(sb, "Startup / load anomalies", m.StartupFindings, "| case | runtime | slower by | 95 % CI |", "|---|---|--:|--:|",
            f => $"| {MarkdownText.Escape(f.Case)} | {MarkdownText.Escape(f.Runtime)} | {ReportFormat.Factor(f.Factor)} | {ReportFormat.Ci(f)} |");
        AnomalyTable(sb, "Tier inversions", m.TierInversions, "| case | optimizing tier | baseline tier | beyond usual ratio | 95 % CI | ratio |", "|---|---|---|--:|--:|---|",
            f => $"| {MarkdownText.Escape(f.Case)} | {MarkdownText.Escape(f.Runtime)} | {MarkdownText.Escape(f.Peer ?? "")} | {ReportFormat.Factor(f.Factor)} | {ReportFormat.Ci(f)} | {MarkdownText.Escape(f.Detail ?? "")} |");

        sb.AppendLine("### Correctness divergences and failures").AppendLine();
        var failed = m.Support.Failed.ToList();
        if (m.Divergences.Count == 0 && failed.Count == 0) sb.AppendLine("_none: every runtime agrees on every case_");
        else
        {
            sb.AppendLine("| case | runtime | what |");
            sb.AppendLine("|---|---|---|");
            foreach (var f in m.Divergences)
                sb.AppendLine($"| {MarkdownText.Escape(f.Case)} | {MarkdownText.Escape(f.Runtime)} | {MarkdownText.Escape(f.Detail ?? "")} |");
            foreach (var f in failed.Where(x => !m.Divergences.Any(d => d.Case == x.Case && d.Runtime == x.Runtime)))
                sb.AppendLine($"| {MarkdownText.Escape(f.Case)} | {MarkdownText.Escape(f.Runtime)} | {MarkdownText.Escape(f.Status!.Value.ToWire())}: {MarkdownText.Escape(f.Message ?? "")} |");
        }
        return sb.ToString();
    }

    /// <summary>A section listing the anomalies (top <see cref="TopFindings"/>) of one finding list, nothing when there are none.</summary>
    private static void AnomalyTable(StringBuilder sb, string title, IReadOnlyList<Finding> findings, string header, string rule, Func<Finding, string> row)
    {
        var anomalies = findings.Where(f => f.Verdict == Verdict.Anomaly).ToList();
        if (anomalies.Count == 0) return;
        sb.AppendLine("### " + title).AppendLine().AppendLine(header).AppendLine(rule);
        foreach (var f in anomalies.Take(TopFindings)) sb.AppendLine(row(f));
        sb.AppendLine();
    }

    private static string VerdictText(Verdict? v) => v == Verdict.Anomaly ? "**anomaly**" : MarkdownText.Escape(v is { } x ? Wire.Name(x) : "");
}
