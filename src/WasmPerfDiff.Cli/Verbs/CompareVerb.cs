using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>compare A B</c>: runtime B (the candidate) against A (the baseline) over the corpus or --cases, interleaved
/// A/B/B/A per case, each case faster / slower / same / unsure against --threshold; stored like any campaign.
/// Exit 0; 1 when --fail-on is given and met (any case confidently slower, or changed); 2: bad usage.
/// </summary>
public static class CompareVerb
{
    public static Command Create()
    {
        var baseline = new Argument<string>("baseline") { Description = "runtime configuration A, the baseline (e.g. v8-turbofan@22)" };
        var candidate = new Argument<string>("candidate") { Description = "runtime configuration B, the candidate (the same name twice: an A = A check)" };
        var cases = CaseOptions.Cases("case names or globs, comma-separated (default: every case)");
        var db = new Option<string>("--db") { Description = "database of the compare (SQLite; default compare.db)", DefaultValueFactory = _ => "compare.db" };
        var failOn = new Option<string?>("--fail-on") { Description = "exit 1 when any case is confidently: slower | changed (slower or faster)" };
        failOn.AcceptOnlyFromAmong([.. Wire.Names<CompareFailOn>()]);
        var markdown = new Option<string?>("--markdown") { Description = "also write the result as Markdown for a pull request comment to this file" };
        var json = CommonOptions.Json();
        var shared = new CompareOptions();
        var cmd = new Command("compare", "is B slower than A? per case ratio, 95 % interval and verdict; geometric mean over the corpus")
        {
            baseline, candidate, cases, db, failOn, markdown, json,
        };
        foreach (var o in shared.All) cmd.Options.Add(o);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var request = new CompareRequest
            {
                Database = pr.GetValue(db)!, Baseline = pr.GetValue(baseline)!, Candidate = pr.GetValue(candidate)!,
                Threshold = shared.ThresholdFraction(pr), Metric = pr.GetValue(shared.Metric), Settings = shared.Settings(pr, pr.GetValue(cases)), Seed = pr.GetValue(shared.Seed),
                CorpusDirectory = pr.GetValue(shared.Corpus), ConfigPath = pr.GetValue(CommonOptions.Config), MarkdownPath = pr.GetValue(markdown),
            };
            var result = await CampaignProgressBar.RunAsync(p => CompareWorkflow.RunAsync(request, p, ct));
            if (pr.GetValue(json)) JsonOutput.Print(CompareDocument.From(result.Database, result.Summary));
            else CompareView.Print(result);
            var fail = pr.GetValue(failOn) is { } f ? Wire.Parse<CompareFailOn>(f, "FailOn") : (CompareFailOn?)null;
            return result.Fails(fail) ? ExitCodes.Found : ExitCodes.Ok;
        });
        return cmd;
    }
}
