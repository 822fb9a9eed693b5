using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using System.Diagnostics;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
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
        var seed = CommonOptions.Seed("seed of the simulation and bootstrap", () => 1L);
        var quick = new Option<bool>("--quick") { Description = "only the target setting (1.5×, 5 % noise, 5 runs)" };
        var json = CommonOptions.Json();
        var cmd = new Command("evaluate", "precision/recall of the analysis methods on simulated campaigns with injected anomalies");
        cmd.Options.Add(seed);
        cmd.Options.Add(quick);
        cmd.Options.Add(json);
        cmd.SetAction((ParseResult pr, CancellationToken ct) =>
        {
            var watch = Stopwatch.StartNew();
            var rows = MethodEvaluation.Run(pr.GetValue(seed), pr.GetValue(quick) ? [MethodEvaluation.TargetSetting] : null);
            var meets = MethodEvaluation.MeetsTarget(rows);
            if (pr.GetValue(json)) JsonOutput.Print(EvaluateDocument.From(pr.GetValue(seed), rows, meets, watch.Elapsed));
            else EvaluateTable.Print(rows, meets, watch.Elapsed);
            return Task.FromResult(meets ? ExitCodes.Ok : ExitCodes.Found);
        });
        return cmd;
    }
}
