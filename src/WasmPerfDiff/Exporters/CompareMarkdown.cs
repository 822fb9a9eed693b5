using System.Globalization;
using System.Text;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Exporters;

/// <summary>
/// A compare as Markdown for a pull-request comment: a one-line summary (geometric mean and verdict counts), the
/// changed cases (slower first, then faster), then every case in a collapsed details block.
/// </summary>
public sealed class CompareMarkdown : IExporter<CompareSummary>
{
    public string Format => "md";
    public string Extension => ".md";

    public void Write(TextWriter writer, CompareSummary data) => writer.Write(Render(data));

    public static string Render(CompareSummary s)
    {
        var sb = new StringBuilder();
        sb.Append($"### wasm-perfdiff compare: `{MarkdownText.Escape(s.Candidate)}` against `{MarkdownText.Escape(s.Baseline)}`\n\n");
        sb.Append($"**{MarkdownText.Escape(s.Headline())}** — threshold ±{Pct(s.Threshold)}, ratios are candidate / baseline of the {s.Measure} ")
          .Append("(> 1 = slower), with 95 % bootstrap intervals.\n\n");
        var changed = s.Cases.Where(c => c.Verdict is CompareVerdict.Slower or CompareVerdict.Faster)
            .OrderBy(c => c.Verdict == CompareVerdict.Slower ? 0 : 1).ThenByDescending(c => Math.Abs(Math.Log(c.Execution!.Ratio))).ToList();
        if (changed.Count == 0) sb.Append(MarkdownText.Escape(s.NoChangeSentence())).Append("\n\n");
        else
        {
            sb.Append($"| case | verdict | {s.MetricName} ratio | 95 % interval | baseline ms | candidate ms |\n|---|---|---:|---|---:|---:|\n");
            foreach (var c in changed) Row(sb, c);
            sb.Append('\n');
        }
        sb.Append("<details><summary>all ").Append(s.Cases.Count).Append($" cases ({s.MetricName} and load phase)</summary>\n\n");
        sb.Append($"| case | verdict | {s.MetricName} ratio | 95 % interval | load ratio | load interval | runs A/B | note |\n|---|---|---:|---|---:|---|---|---|\n");
        foreach (var c in s.Cases)
            sb.Append($"| {MarkdownText.Escape(c.Case)} | {c.Verdict.ToWire()} | {Ratio(c.Execution)} | {Interval(c.Execution)} | {Ratio(c.Load)} | {Interval(c.Load)} | {c.BaselineRuns}/{c.CandidateRuns} | {MarkdownText.Escape(c.Note ?? "")} |\n");
        sb.Append("\n</details>\n");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, CaseComparison c) =>
        sb.Append($"| {MarkdownText.Escape(c.Case)} | {c.Verdict.ToWire()} | {Ratio(c.Execution)} | {Interval(c.Execution)} | {Ms(c.BaselineMs)} | {Ms(c.CandidateMs)} |\n");

    public static string Ratio(RatioEstimate? r) => r is null ? "–" : "×" + F(r.Ratio);

    public static string Interval(RatioEstimate? r) => r is null ? "–" : $"[{F(r.Low)}, {F(r.High)}]";

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Ms(double? v) => v is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string Pct(double t) => (t * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
