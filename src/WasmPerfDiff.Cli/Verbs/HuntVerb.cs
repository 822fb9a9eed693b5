using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>hunt --max-time T [--runtime …] [--out DIR]</c>: generate programs, run, analyze, confirm in a fresh campaign, in
/// rounds until the budget ends; confirmed findings grouped by runtime and injected pattern. Exit 1 when a group was confirmed.
/// </summary>
public static class HuntVerb
{
    public static Command Create()
    {
        var maxTime = new Option<string>("--max-time") { Description = "time budget of the whole hunt: 10m, 1h", Required = true };
        var runtime = CommonOptions.Runtimes();
        var output = new Option<string>("--out") { Description = "output folder, new or empty (programs/, campaigns/, reports/, findings/, hunt.json, hunt.md)", DefaultValueFactory = _ => "hunt" };
        var seed = new Option<long>("--seed") { Description = "seed of the generated programs and of the campaigns", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "programs generated per round", DefaultValueFactory = _ => 8 };
        var patterns = new Option<string?>("--patterns") { Description = "comma-separated hot spots to inject (default: all)" };
        var minMs = new Option<double>("--min-ms") { Description = "shortest native run of a generated program", DefaultValueFactory = _ => 20 };
        var maxMs = new Option<double>("--max-ms") { Description = "longest native run of a generated program", DefaultValueFactory = _ => 200 };
        var threshold = new Option<double>("--threshold") { Description = "slowdown factor that makes an anomaly", DefaultValueFactory = _ => Analysis.AnalysisOptions.DefaultThreshold };
        var rounds = new Option<int?>("--max-rounds") { Description = "stop after this many rounds even if time is left" };
        var json = CommonOptions.Json();
        var cmd = new Command("hunt", "generate programs, measure them, keep what is out of line and confirmed by a second campaign")
            { maxTime, runtime, output, seed, batch, patterns, minMs, maxMs, threshold, rounds, json };
        cmd.SetAction(async (pr, ct) =>
        {
            var names = CommonOptions.SplitList(pr.GetValue(runtime));
            var request = new HuntRequest(pr.GetValue(output)!, DurationParser.Parse(pr.GetValue(maxTime)!))
            {
                Runtimes = names.Count > 0 ? names : null, ConfigPath = pr.GetValue(CommonOptions.Config), Seed = pr.GetValue(seed),
                Batch = pr.GetValue(batch), Patterns = CommonOptions.SplitList(pr.GetValue(patterns)) is { Count: > 0 } p ? p : null,
                MinMs = pr.GetValue(minMs), MaxMs = pr.GetValue(maxMs), Threshold = pr.GetValue(threshold), MaxRounds = pr.GetValue(rounds),
            };
            var document = await HuntWorkflow.RunAsync(request, Console.Error.WriteLine, ct);
            if (pr.GetValue(json)) JsonOutput.Print(document);
            else HuntView.Print(document);
            return document.Groups.Count > 0 ? ExitCodes.Found : ExitCodes.Ok;
        });
        return cmd;
    }
}
