using Spectre.Console;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Cli.Views;

/// <summary>The steps of <c>bisect</c> and its answer.</summary>
public static class BisectView
{
    public static void Print(BisectResult r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"bisect of {r.Case}: {string.Join(" → ", r.Labels)}"));
        table.AddColumns("step", "candidate", "against", "verdict", "execution", "interval", "database");
        for (var i = 0; i < r.Steps.Count; i++)
        {
            var s = r.Steps[i];
            table.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(s.Candidate), Markup.Escape(s.Baseline),
                CompareView.Verdict(s.Verdict), CompareView.Ratio(s.Comparison.Execution), CompareView.Interval(s.Comparison.Execution), Markup.Escape(s.Database));
        }
        AnsiConsole.Write(table);
        var colour = r.End switch { BisectEnd.Found => "red", BisectEnd.Unsure => "yellow", _ => "green" };
        AnsiConsole.MarkupLine($"[{colour}]{Markup.Escape(r.Message)}[/]");
    }
}
