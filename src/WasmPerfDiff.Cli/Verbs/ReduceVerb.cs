using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>reduce</c>: the smallest program that keeps a finding's slowdown (C-Vise on C source, wasm-reduce on a module),
/// with ISSUE.md for the engine's tracker. Exit 0 (also when the budget ran out: the folder holds the best so far); 2: bad input.
/// </summary>
public static class ReduceVerb
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "campaign database the finding comes from" };
        var @case = new Option<string?>("--case") { Description = "the finding's case (with --runtime)" };
        var runtime = new Option<string?>("--runtime", "-r") { Description = "the runtime that is slow (with --case, or with --wasm)" };
        var finding = new Option<int?>("--finding") { Description = "the Nth timing finding of analyze's ranking" };
        var top = new Option<int?>("--top") { Description = "reduce the top N anomalies and group them by runtime and construct" };
        var wasm = new Option<string?>("--wasm") { Description = "a module to reduce (with --runtime and --peers; NAME.c beside it: reduced as C)" };
        var peers = new Option<string?>("--peers") { Description = "runtimes the target is compared with, comma-separated (with --wasm)" };
        var guestArgs = new Option<string[]>("--arg") { Description = "a guest argument of the module (repeat; with --wasm)", AllowMultipleArgumentsPerToken = false };
        var outDir = new Option<string>("--out", "-o") { Description = "output folder (new or empty; default reduced)", DefaultValueFactory = _ => "reduced" };
        var maxTime = new Option<string>("--max-time") { Description = "time budget: 90s, 30m, 1h", DefaultValueFactory = _ => "30m" };
        var runs = new Option<int>("--runs") { Description = "runs per runtime of the measurements before and after (at least 3)", DefaultValueFactory = _ => 9 };
        var seed = new Option<long>("--seed") { Description = "seed of the run order and the bootstrap", DefaultValueFactory = _ => 1 };
        var metric = WireOption.Create<CompareMetric>("--metric", CompareMetric.Phases, "phases: execution time, as the campaign measures it | cpu: user+system time of the run (steadier on a loaded machine)");
        var constructs = new Option<string?>("--constructs") { Description = "campaign database of the `gen constructs` corpus: ISSUE.md shows the target's fingerprint cell of the reduced program's construct" };
        var json = CommonOptions.Json();
        var cmd = new Command("reduce", "shrink a finding's program while it stays slow on its runtime; writes the program, a step log, summary.json and ISSUE.md")
        {
            db, @case, runtime, finding, top, wasm, peers, guestArgs, outDir, maxTime, runs, seed, metric, constructs, json,
        };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var request = new ReduceRequest
            {
                Database = pr.GetValue(db), Case = pr.GetValue(@case), Runtime = pr.GetValue(runtime), Finding = pr.GetValue(finding), Top = pr.GetValue(top),
                Wasm = pr.GetValue(wasm), Peers = CommonOptions.SplitList(pr.GetValue(peers)), Args = pr.GetValue(guestArgs) ?? [],
                Out = pr.GetValue(outDir)!, MaxTime = DurationParser.Parse(pr.GetValue(maxTime)!), Seed = pr.GetValue(seed), Metric = pr.GetValue(metric), Runs = pr.GetValue(runs),
                ConfigPath = pr.GetValue(CommonOptions.Config), Constructs = pr.GetValue(constructs),
            };
            var result = await ReduceView.RunAsync(p => ReduceWorkflow.RunAsync(request, p, ct), quiet: pr.GetValue(json));
            if (pr.GetValue(json)) JsonOutput.Print(ReduceView.Document(result));
            else ReduceView.Print(result);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
