using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Analysis.Evaluation;

namespace WasmPerfDiff.Cli.Views;

/// <summary>The precision/recall table of <c>evaluate</c> and whether the robust method meets its target.</summary>
public static class EvaluateTable
{
    public static void Print(IReadOnlyList<EvaluationRow> rows, bool meets, TimeSpan elapsed)
    {
        var methods = rows[0].Scores.Select(s => s.Method).ToList();
        var table = new Table { Title = new TableTitle($"precision / recall, {rows[0].Campaigns} campaigns × {MethodEvaluation.CasesPerCampaign} cases per setting") };
        table.AddColumns("factor", "noise", "runs");
        foreach (var m in methods) table.AddColumn(new TableColumn(m + " P / R").RightAligned());
        foreach (var r in rows)
        {
            var cells = new List<string>
            {
                r.Factor.ToString("0.00", CultureInfo.InvariantCulture) + "×",
                r.Noise.ToString("P0", CultureInfo.InvariantCulture),
                r.RunsPerCell.ToString(CultureInfo.InvariantCulture),
            };
            cells.AddRange(r.Scores.Select(s => $"{s.Precision.ToString("0.00", CultureInfo.InvariantCulture)} / {s.Recall.ToString("0.00", CultureInfo.InvariantCulture)}"));
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(meets
            ? "[green]robust method meets its target[/] (P ≥ 0.95, R ≥ 0.95 at 1.5×, 5 % noise, 5 runs)"
            : "[red]robust method misses its target[/] (P ≥ 0.95, R ≥ 0.95 at 1.5×, 5 % noise, 5 runs)");
        AnsiConsole.MarkupLine($"[grey]{elapsed.TotalSeconds:0.0} s[/]");
    }
}
