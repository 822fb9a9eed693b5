using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>demo</c>: the main job in one command. A fresh campaign of the corpus on every available runtime
/// within a time budget, then the analysis, the HTML and Markdown reports and a console summary, all in
/// <c>--out DIR</c>. Exit 0 when the report was written (findings are results, not failures); 2 on bad usage.
/// </summary>
public static class DemoVerb
{
    public static Command Create()
    {
        var maxTime = new Option<string>("--max-time") { Description = "time budget of the whole demo: 90s, 5m, 1h", DefaultValueFactory = _ => "10m" };
        var runtime = CommonOptions.Runtimes();
        var output = new Option<string>("--out", "-o") { Description = "directory for the report, the Markdown and the database", DefaultValueFactory = _ => "perfdiff-demo" };
        var size = CaseOptions.Size($"input size of the cases (default {DemoPlan.DefaultSize}: the fastest runtimes take 10–20 ms, interpreters still fit the budget)", DemoPlan.DefaultSize, onlyCorpusSizes: false);
        size.AcceptOnlyFromAmong("demo", "test", "default");
        var corpus = CaseOptions.Corpus();
        var cases = CaseOptions.Cases("glob on case names, e.g. 'shootout-*'");
        var floor = new Option<double>("--floor-ms") { Description = "cases whose fastest runtime is quicker than this are shown but not ranked", DefaultValueFactory = _ => DemoPlan.FloorMs };
        var seed = CommonOptions.Seed<long?>("seed of the run order (default: random)");
        var force = new Option<bool>("--force") { Description = "replace the campaign already in --out's campaign.db (without it the demo refuses to)" };
        var json = CommonOptions.Json();
        var cmd = new Command("demo", "run the default campaign on every available runtime within a time budget, then analyse and write the report")
        {
            maxTime, runtime, output, size, corpus, cases, floor, seed, force, json,
        };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var request = new DemoRequest
            {
                Budget = DurationParser.Parse(pr.GetValue(maxTime)!), OutDirectory = pr.GetValue(output)!, Size = pr.GetValue(size)!,
                Runtimes = CommonOptions.SplitList(pr.GetValue(runtime)), CasesGlob = pr.GetValue(cases), CorpusDirectory = pr.GetValue(corpus),
                FloorMs = pr.GetValue(floor), Seed = pr.GetValue(seed), ConfigPath = pr.GetValue(CommonOptions.Config), Force = pr.GetValue(force),
            };
            // The plan and the progress go to stderr, so that with --json stdout holds the one document only.
            var result = await CampaignProgressBar.RunAsync(p => DemoWorkflow.RunAsync(request, DemoView.PrintPlan, p, ct));
            if (pr.GetValue(json)) JsonOutput.Print(ReportDocument.From(result.Report, result.Files, DemoView.Campaign(result)));
            else DemoView.Print(result);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
