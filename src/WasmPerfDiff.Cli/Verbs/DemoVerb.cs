using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Cli.Campaigns;
using WasmPerfDiff.Cli.Reporting;
using WasmPerfDiff.Reporting;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>demo</c>: the main job in one command. A fresh campaign of the corpus on every available runtime
/// within a time budget, then the analysis, the HTML and Markdown reports and a console summary, all in
/// <c>--out DIR</c>. Exit 0 when the report was written (findings are results, not failures); 2 on bad usage.
/// </summary>
public static class DemoVerb
{
    public const string DefaultOut = "perfdiff-demo";

    public static Command Create()
    {
        var maxTime = new Option<string>("--max-time") { Description = "time budget of the whole demo: 90s, 5m, 1h", DefaultValueFactory = _ => "10m" };
        var runtime = new Option<string[]>("--runtime", "-r") { Description = "runtime configuration(s) (repeat or comma-separate; default: every available one)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out", "-o") { Description = "directory for the report, the Markdown and the database", DefaultValueFactory = _ => DefaultOut };
        var size = new Option<string>("--size") { Description = $"input size of the cases (default {DemoPlan.DefaultSize}: fits the budget with interpreters)", DefaultValueFactory = _ => DemoPlan.DefaultSize };
        size.AcceptOnlyFromAmong("test", "default");
        var corpus = new Option<string?>("--corpus") { Description = "corpus directory: the project corpus (default; it has manifest.json) or a folder of NAME.wasm with NAME.args sidecars" };
        var cases = new Option<string?>("--cases") { Description = "glob on case names, e.g. 'shootout-*'" };
        var floor = new Option<double>("--floor-ms") { Description = "cases whose fastest runtime is quicker than this are shown but not ranked", DefaultValueFactory = _ => DemoPlan.FloorMs };
        var seed = new Option<long?>("--seed") { Description = "seed of the run order (default: random)" };
        var json = CommonOptions.Json();
        var cmd = new Command("demo", "run the default campaign on every available runtime within a time budget, then analyse and write the report")
        {
            maxTime, runtime, output, size, corpus, cases, floor, seed, json,
        };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var clock = Stopwatch.StartNew();
            var budget = DurationParser.Parse(pr.GetValue(maxTime)!);
            if (budget <= TimeSpan.Zero) throw new BadInputException("--max-time must be > 0");
            var outDir = Path.GetFullPath(pr.GetValue(output)!);
            var configPath = RuntimeConfig.Locate(pr.GetValue(CommonOptions.Config)) is { } cfg ? Path.GetFullPath(cfg) : null;
            var settings = DemoPlan.Settings(budget, pr.GetValue(size)!, CampaignInputs.LocateCorpus(pr.GetValue(corpus)),
                pr.GetValue(runtime) ?? [], configPath, pr.GetValue(seed) ?? Random.Shared.NextInt64(1, 1L << 53));
            settings = settings with { CasesGlob = pr.GetValue(cases) };
            settings.Validate();

            var caseList = CampaignInputs.Cases(settings);
            var runtimes = CampaignRuntimes.Resolve(settings.Runtimes, configPath);
            if (runtimes.Count == 0) throw new BadInputException("no runtime is available (see: wasm-perfdiff doctor)");

            // Progress and the plan go to stderr, so that with --json stdout holds the one document only.
            var err = CampaignProgressBar.StderrConsole();
            err.MarkupLine(Markup.Escape(FormattableString.Invariant(
                $"demo: {caseList.Count} cases × {runtimes.Count} runtimes ({string.Join(", ", runtimes.Select(r => r.Name))}), size '{settings.Size}', ") +
                FormattableString.Invariant($"{DemoPlan.MinRuns}–{DemoPlan.MaxRuns} runs per cell, budget {budget:g} (campaign {settings.MaxTime:g})")));
            if (settings.Size == "test")
                err.MarkupLine(Markup.Escape("size 'test' keeps interpreters within the budget; --size default runs the calibrated sizes (give it --max-time 1h or more)"));

            Directory.CreateDirectory(outDir);
            var dbPath = Path.Combine(outDir, "campaign.db");
            DeleteDatabase(dbPath); // a demo always starts afresh; `run --resume` is the verb for continuing
            CampaignOutcome outcome;
            ReportModel model;
            using (var store = CampaignStore.Open(dbPath))
            {
                var scheduler = new CampaignScheduler(store, settings, VerdictStoppingRule.ForCampaign(settings));
                outcome = await CampaignProgressBar.RunAsync(p => scheduler.RunAsync(caseList, runtimes, resume: false, p, ct));
                model = ReportBuilder.Build(store, new ReportOptions { FloorMs = pr.GetValue(floor) });
            }
            var files = ReportFiles.Write(model, Path.Combine(outDir, "report.html"), Path.Combine(outDir, "report.md"), dbPath);
            var elapsed = clock.Elapsed;

            var campaign = new
            {
                id = outcome.CampaignId,
                end = outcome.End.ToString().ToLowerInvariant(),
                cases = caseList.Count,
                runtimes = runtimes.Count,
                runs = outcome.StoredRuns,
                size = settings.Size,
                budget_s = budget.TotalSeconds,
                campaign_s = Math.Round(outcome.Elapsed.TotalSeconds, 1),
                elapsed_s = Math.Round(elapsed.TotalSeconds, 1),
                seed = settings.Seed,
            };
            if (pr.GetValue(json)) JsonOutput.Print(ReportJson.Of(model, files, campaign));
            else
            {
                ReportSummaryView.Print(AnsiConsole.Console, model, files);
                AnsiConsole.WriteLine();
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"demo {campaign.end}: {caseList.Count} cases × {runtimes.Count} runtimes, {outcome.StoredRuns} runs in {elapsed.TotalSeconds:0} s (budget {budget.TotalSeconds:0} s, size {settings.Size})")));
                if (outcome.End != CampaignEnd.Completed)
                    AnsiConsole.MarkupLine(Markup.Escape($"the budget ended the campaign early: give --max-time more, or continue it with: wasm-perfdiff run --resume --db {dbPath}"));
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }
}
