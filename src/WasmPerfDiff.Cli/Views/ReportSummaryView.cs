using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Cli.Views;

/// <summary>
/// The console summary of a report, in titled sections like BenchmarkDotNet's: runtimes and their
/// typical speed, top findings with factor, CI and verdict, the support matrix in short, and where
/// the files are.
/// </summary>
public static class ReportSummaryView
{
    /// <summary>Findings listed on the console; the rest are in the report.</summary>
    public const int TopFindings = 10;

    /// <summary>Failed cells listed by name before the rest are only counted.</summary>
    public const int ListedFailures = 8;

    public static void Print(IAnsiConsole console, ReportModel m, ReportFiles files)
    {
        Section(console, "Runtimes");
        var rt = new Table().Border(TableBorder.Simple).AddColumns("runtime", "version", "typical time", "cells ok");
        rt.Columns[2].RightAligned();
        rt.Columns[3].RightAligned();
        foreach (var r in m.Runtimes.OrderBy(r => r.SpeedFactor ?? double.MaxValue).ThenBy(r => r.Name, StringComparer.Ordinal))
            rt.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Version ?? "unknown"),
                r.SpeedFactor is double f ? (f == 1 ? "[green]1.00× (fastest)[/]" : ReportFormat.Factor(f)) : "–",
                $"{r.OkCells}/{r.Cells}");
        console.Write(rt);

        Section(console, "Top findings (execution)");
        var findings = m.TimingFindings;
        if (findings.Count == 0)
            console.MarkupLine(Markup.Escape(m.AnalysisNote ?? "no cell is slower than predicted"));
        else
        {
            var t = new Table().Border(TableBorder.Simple).AddColumns("#", "case", "runtime", "slower by", "95% CI", "verdict", "vs");
            t.Columns[3].RightAligned();
            t.Columns[4].RightAligned();
            for (var i = 0; i < findings.Count && i < TopFindings; i++)
            {
                var f = findings[i];
                t.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(f.Case), Markup.Escape(f.Runtime),
                    ReportFormat.Factor(f.Factor), ReportFormat.Ci(f), VerdictMarkup(f.Verdict), Markup.Escape(f.Peer ?? "consensus"));
            }
            console.Write(t);
            if (findings.Count > TopFindings) console.MarkupLine($"[grey]{findings.Count - TopFindings} more in the report[/]");
        }
        var startup = m.StartupFindings.Count(f => f.Verdict == Verdict.Anomaly);
        console.MarkupLine($"execution anomalies: [bold]{m.Counts.Anomalies}[/], startup/load anomalies: [bold]{startup}[/], unstable cells: {m.InstabilityFindings.Count}, tier inversions: {m.TierInversions.Count(f => f.Verdict == Verdict.Anomaly)}");
        if (m.AnalysisNote != null && findings.Count > 0) console.MarkupLine($"[yellow]{Markup.Escape(m.AnalysisNote)}[/]");

        Section(console, "Support matrix");
        foreach (var name in m.Support.Runtimes)
        {
            var cells = m.Support.Cells.Where(c => c.Runtime == name).ToList();
            int ok = cells.Count(c => c.Status == RunStatus.Ok && !c.OutputDiffers), failed = cells.Count(c => c.Status is { } s && s != RunStatus.Ok),
                differs = cells.Count(c => c.OutputDiffers), notRun = cells.Count(c => c.Status is null);
            console.MarkupLine($"  {Markup.Escape(name),-24} [green]{ok} ok[/]" + (failed > 0 ? $", [red]{failed} failed[/]" : "") +
                               (differs > 0 ? $", [yellow]{differs} output differs[/]" : "") + (notRun > 0 ? $", {notRun} not run" : ""));
        }
        foreach (var f in m.Support.Failed.Take(ListedFailures))
            console.MarkupLine($"  [red]{Markup.Escape(f.Status!.Value.ToWire())}[/] {Markup.Escape(f.Case)} @ {Markup.Escape(f.Runtime)}: {Markup.Escape(Shorten(f.Message ?? ""))}");
        if (m.Support.Failed.Count() > ListedFailures) console.MarkupLine($"  [grey]… {m.Support.Failed.Count() - ListedFailures} more failed cells in the report[/]");
        if (m.Divergences.Count > 0) console.MarkupLine($"  [yellow]{m.Divergences.Count} correctness divergence(s)[/]: see the report");

        Section(console, "Files");
        console.MarkupLine($"  report:   [link]{Markup.Escape(files.Html)}[/]");
        if (files.Markdown != null) console.MarkupLine($"  markdown: {Markup.Escape(files.Markdown)}");
        console.MarkupLine($"  database: {Markup.Escape(files.Database)}");
    }

    private static void Section(IAnsiConsole console, string title)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]// * {Markup.Escape(title)} *[/]");
    }

    private static string VerdictMarkup(Verdict? v) => v switch
    {
        Verdict.Anomaly => "[red]anomaly[/]",
        Verdict.Undecided => "[yellow]undecided[/]",
        Verdict.NoAnomaly => "[green]no-anomaly[/]",
        _ => "",
    };

    private static string Shorten(string s) => s.Length > 100 ? s[..100] + "…" : s;
}
