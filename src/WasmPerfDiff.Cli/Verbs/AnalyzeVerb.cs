using System.CommandLine;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>wasm-perfdiff analyze</c>: ranks performance anomalies of a campaign (<c>--db</c>) or of WarpDiff's
/// published means (<c>--warpdiff</c>). Exit 0 whenever the analysis ran (findings are results, not failures).
/// </summary>
public static class AnalyzeVerb
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = $"campaign database (SQLite) to analyse (default {AnalyzeWorkflow.DefaultDatabase})" };
        var warpdiff = new Option<string?>("--warpdiff") { Description = "folder with WarpDiff's published profiling_data (means of 10 runs)" };
        var method = WireOption.Create<AnalysisMethod>("--method", AnalysisMethod.Robust, "robust (consensus + peers + bootstrap) or warpdiff (L2 distance ranking)");
        var phase = WireOption.Create<AnalysisPhase>("--phase", AnalysisPhase.Execution, "execution (measured work), total (wall time) or load (startup + compile + instantiate)");
        var exclude = new Option<string?>("--exclude") { Description = "comma-separated cases to leave out (full name or program name without the suite)" };
        var runtimes = CommonOptions.Runtimes("runtimes to compare, in this order (repeat or comma-separate; default: all, by name)");
        runtimes.Aliases.Add("--runtimes"); // the spelling analyze had before every verb said --runtime
        var top = new Option<int?>("--top") { Description = "show at most N findings of each kind" };
        var threshold = new Option<double>("--threshold") { Description = "slowdown factor that makes an anomaly", DefaultValueFactory = _ => AnalysisOptions.DefaultThreshold };
        var floor = new Option<double?>("--floor-ms") { Description = "a fixed floor: leave cases whose fastest runtime is quicker than this out of the ranked list (default: the precision rule, see DurationFloor)" };
        var seed = CommonOptions.Seed("bootstrap seed", () => 1);
        var classify = new Option<bool>("--classify-excess") { Description = "rerun the top findings' cells and peers at twice the size (or, without a size argument, cold then warm in one process) and class each excess as fixed or throughput (needs --db and the runtimes)" };
        var classifyTop = new Option<int>("--classify-top") { Description = "with --classify-excess: classify this many findings", DefaultValueFactory = _ => new ExcessOptions().Top };
        var constructs = new Option<string?>("--constructs") { Description = "campaign database of the `gen constructs` corpus: adds the construct fingerprint and explains each finding by it" };
        var profiles = new Option<string?>("--profiles") { Description = "folder written by `profile --db FILE --findings N --out DIR`: weight each profiled finding's explanations by its hot functions" };
        var json = CommonOptions.Json();
        var cmd = new Command("analyze", "rank runtime performance anomalies (robust consensus/peer model or WarpDiff's method)")
        {
            db, warpdiff, method, phase, exclude, runtimes, top, threshold, floor, seed, classify, classifyTop, constructs, profiles, json,
        };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var options = new AnalysisOptions
            {
                Method = pr.GetValue(method), Phase = pr.GetValue(phase), Exclude = CommonOptions.SplitList(pr.GetValue(exclude)),
                Runtimes = CommonOptions.SplitList(pr.GetValue(runtimes)) is { Count: > 0 } list ? list : null,
                Top = pr.GetValue(top), Threshold = pr.GetValue(threshold), FloorMs = pr.GetValue(floor), Seed = pr.GetValue(seed),
            };
            var request = new AnalyzeRequest(pr.GetValue(db), pr.GetValue(warpdiff), options)
            {
                ClassifyExcess = pr.GetValue(classify), ClassifyTop = pr.GetValue(classifyTop), Constructs = pr.GetValue(constructs), Profiles = pr.GetValue(profiles), ConfigPath = pr.GetValue(CommonOptions.Config),
            };
            var result = await AnalyzeWorkflow.RunAsync(request, ct);
            if (pr.GetValue(json)) JsonOutput.Print(AnalysisDocument.From(result));
            else AnalysisTables.Print(result);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
