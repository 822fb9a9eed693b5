using System.CommandLine;
using Spectre.Console;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>calibrate</c>: choose each case's <c>default</c> size so the reference runtime's execution phase lands
/// within 2× of a target, and record it in the corpus manifest with the expected output of the new size.
/// Exit 1 when some case could not be brought within 2×.
/// </summary>
public static class CalibrateVerb
{
    public static Command Create()
    {
        var runtime = new Option<string>("--runtime") { Description = "reference runtime", DefaultValueFactory = _ => "wasmtime-cranelift" };
        var target = new Option<double>("--target-ms") { Description = "target execution time of the reference runtime", DefaultValueFactory = _ => 500 };
        var corpus = CaseOptions.Corpus("corpus directory (default: the project's corpus)");
        var cases = CaseOptions.Cases("glob on case names, e.g. 'flops*'");
        var size = new Option<string>("--size") { Description = "manifest size to calibrate and record (demo: the demo's sizes, started from test)", DefaultValueFactory = _ => "default" };
        size.AcceptOnlyFromAmong("default", "demo");
        var cpu = new Option<bool>("--cpu-time") { Description = "measure the reference's user CPU time instead of its execution phase (robust to other load; for a command-line runtime)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "measure and show, but leave the manifest as it is" };
        var json = CommonOptions.Json();
        var command = new Command("calibrate", "pick each case's default size so the reference runtime's execution takes about --target-ms")
        {
            runtime, target, corpus, cases, size, cpu, dryRun, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var quiet = parse.GetValue(json);
            var request = new CalibrateRequest(parse.GetValue(runtime)!, parse.GetValue(target), parse.GetValue(corpus), parse.GetValue(cases),
                parse.GetValue(dryRun), parse.GetValue(CommonOptions.Config), parse.GetValue(size)!, parse.GetValue(cpu));
            var result = await CalibrateWorkflow.RunAsync(request, quiet ? null : r =>
                AnsiConsole.MarkupLine(Markup.Escape($"{r.Case,-24} {r.OldSize ?? "-",8} → {r.NewSize ?? "-",-8} {(r.ExecuteMs is double ms ? $"{ms,8:F0} ms" : "")}  {r.Note}")), ct);
            if (quiet) JsonOutput.Print(CalibrationDocument.From(result.Runtime, result.TargetMs, result.Cases));
            else if (result.RecordedIn is { } file)
                AnsiConsole.MarkupLine(Markup.Escape($"recorded {result.Cases.Count(c => c.Changed)} new {parse.GetValue(size)} sizes in {file}"));
            return result.Outside == 0 ? ExitCodes.Ok : ExitCodes.Found;
        });
        return command;
    }
}
