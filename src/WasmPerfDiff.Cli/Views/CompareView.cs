using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Views;

/// <summary>The console table of <c>compare</c> (changed cases first) and of <c>bisect</c>'s steps.</summary>
public static class CompareView
{
    public static void Print(CompareResult result)
    {
        var s = result.Summary;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"{s.Candidate} / {s.Baseline}: {s.Measure}, 95 % interval, threshold ±{Pct(s.Threshold)}"));
        table.AddColumns("case", "verdict");
        foreach (var h in new[] { s.MetricName, "interval", "load", "load interval", "A ms", "B ms", "runs A/B" }) table.AddColumn(new TableColumn(h).RightAligned());
        table.AddColumn("note");
        foreach (var c in s.Cases.OrderBy(c => c.Verdict).ThenByDescending(c => Math.Abs(Math.Log(c.Execution?.Ratio ?? 1))))
            table.AddRow(Markup.Escape(c.Case), Verdict(c.Verdict), Ratio(c.Execution), Interval(c.Execution), Ratio(c.Load), Interval(c.Load),
                Ms(c.BaselineMs), Ms(c.CandidateMs), $"{c.BaselineRuns}/{c.CandidateRuns}", Markup.Escape(c.Note ?? ""));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(s.Headline()));
        if (s.AnySlower is false && s.AnyFaster is false) AnsiConsole.MarkupLine(Markup.Escape(s.NoChangeSentence()));
        var o = result.Outcome;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"compare {o.CampaignId}: {o.End.ToWire()}, {o.StoredRuns} runs stored in {result.Database} (seed {result.Settings.Seed}), {o.Elapsed.TotalSeconds:0.0} s")));
        if (o.End != CampaignEnd.Completed) AnsiConsole.MarkupLine("[yellow]stopped early: unfinished cases are unsure[/]");
    }

    public static string Verdict(CompareVerdict v) => v switch
    {
        CompareVerdict.Slower => "[red]slower[/]", CompareVerdict.Faster => "[green]faster[/]", CompareVerdict.Same => "same", _ => "[yellow]unsure[/]",
    };

    public static string Ratio(RatioEstimate? r) => r is null ? "–" : "×" + r.Ratio.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The interval as Spectre markup (brackets escaped).</summary>
    public static string Interval(RatioEstimate? r) => r is null ? "–" : Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"[{r.Low:0.000}, {r.High:0.000}]"));

    private static string Ms(double? v) => v is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string Pct(double t) => (t * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
