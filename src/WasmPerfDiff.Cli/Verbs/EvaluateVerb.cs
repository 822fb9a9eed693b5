using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Analysis.Evaluation;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>wasm-perfdiff evaluate</c>: measures precision and recall of the robust and WarpDiff methods on simulated
/// campaigns with injected slowdowns (factors × noise × runs per cell). Exit 1 when the robust method misses
/// its target (precision and recall ≥ 0.95 at 1.5×, 5 % noise, 5 runs).
/// </summary>
public static class EvaluateVerb
{
    public static Command Create()
    {
        var seed = new Option<long>("--seed") { Description = "seed of the simulation and bootstrap", DefaultValueFactory = _ => 1 };
        var quick = new Option<bool>("--quick") { Description = "only the target setting (1.5×, 5 % noise, 5 runs)" };
        var json = new Option<bool>("--json") { Description = "print one JSON document" };
        var cmd = new Command("evaluate", "precision/recall of the analysis methods on simulated campaigns with injected anomalies");
        cmd.Options.Add(seed);
        cmd.Options.Add(quick);
        cmd.Options.Add(json);
        cmd.SetAction((ParseResult pr, CancellationToken ct) =>
        {
            var watch = Stopwatch.StartNew();
            var rows = MethodEvaluation.Run(pr.GetValue(seed), pr.GetValue(quick) ? [MethodEvaluation.TargetSetting] : null);
            var meets = MethodEvaluation.MeetsTarget(rows);
            if (pr.GetValue(json))
                JsonOutput.Print(new
                {
                    Seed = pr.GetValue(seed),
                    CasesPerCampaign = MethodEvaluation.CasesPerCampaign,
                    RuntimeCounts = MethodEvaluation.RuntimeCounts,
                    Target = new { MethodEvaluation.TargetSetting.Factor, MethodEvaluation.TargetSetting.Noise, MethodEvaluation.TargetSetting.Runs, Precision = MethodEvaluation.TargetPrecision, Recall = MethodEvaluation.TargetRecall },
                    TargetMet = meets,
                    Rows = rows.Select(r => new
                    {
                        r.Factor, r.Noise, r.RunsPerCell, r.Campaigns,
                        Methods = r.Scores.Select(s => new { s.Method, s.Injected, s.Flagged, s.TruePositives, s.Precision, s.Recall }),
                    }),
                    Seconds = watch.Elapsed.TotalSeconds,
                });
            else
                Print(rows, meets, watch.Elapsed);
            return Task.FromResult(meets ? ExitCodes.Ok : ExitCodes.Found);
        });
        return cmd;
    }

    private static void Print(IReadOnlyList<EvaluationRow> rows, bool meets, TimeSpan elapsed)
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
