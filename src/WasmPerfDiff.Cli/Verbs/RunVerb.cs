using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Cli.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>run</c>: a campaign of every selected case on every selected runtime, stored in SQLite.
/// Exit 0: every cell finished ok with agreeing output; 1: the campaign finished but some cells
/// failed or their output differs (see the validation matrix), or it stopped early (--max-time,
/// Ctrl-C; continue with --resume); 2: bad usage.
/// </summary>
public static class RunVerb
{
    public static Command Create()
    {
        var corpus = new Option<string?>("--corpus") { Description = "corpus directory: the project corpus (manifest.json) or a directory of NAME.wasm with sidecars (default: the project corpus)" };
        var cases = new Option<string?>("--cases") { Description = "case names or globs, comma-separated, e.g. 'fib,flops-*'" };
        var runtime = new Option<string[]>("--runtime", "-r") { Description = "runtime configuration(s) (repeat or comma-separate; default: every available one)", AllowMultipleArgumentsPerToken = true };
        var size = new Option<string>("--size") { Description = "input size of the cases", DefaultValueFactory = _ => "default" };
        size.AcceptOnlyFromAmong("test", "default");
        var db = CampaignDbOption.Create();
        var warmup = new Option<int>("--warmup") { Description = "unmeasured runs per cell first", DefaultValueFactory = _ => new CampaignSettings().Warmup };
        var minRuns = new Option<int>("--min-runs") { Description = "measured runs per cell before it may stop", DefaultValueFactory = _ => new CampaignSettings().MinRuns };
        var maxRuns = new Option<int>("--max-runs") { Description = "measured runs per cell at most", DefaultValueFactory = _ => new CampaignSettings().MaxRuns };
        var maxTime = new Option<string?>("--max-time") { Description = "time budget of the campaign: 90s, 5m, 1h30m" };
        var timeout = new Option<double?>("--timeout") { Description = "per-run timeout in seconds (default: 10× the cell's usual time, at least 10 s)" };
        var seed = new Option<long?>("--seed") { Description = "seed of the run order (default: random, stored with the campaign)" };
        var resume = new Option<bool>("--resume") { Description = "continue the campaign in --db with its stored settings (--max-time may be given anew)" };
        var json = CommonOptions.Json();

        var cmd = new Command("run", "run every case on every runtime, scheduled in shuffled rounds, stored in SQLite")
        {
            corpus, cases, runtime, size, db, warmup, minRuns, maxRuns, maxTime, timeout, seed, resume, json,
        };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            using var store = pr.GetValue(resume) ? CampaignStore.OpenExisting(pr.GetValue(db)!) : CampaignStore.Open(pr.GetValue(db)!);
            // --resume continues with the stored settings; only the time budget of this session may be given anew.
            var settings = pr.GetValue(resume)
                ? CampaignSettings.FromJson((store.LocalCampaign() ?? throw new BadInputException($"'{store.Path}' holds no campaign to resume")).SettingsJson)
                    with { MaxTime = pr.GetValue(maxTime) is { } budget ? DurationParser.Parse(budget) : null }
                : new CampaignSettings
                {
                    Warmup = pr.GetValue(warmup),
                    MinRuns = pr.GetValue(minRuns),
                    MaxRuns = pr.GetValue(maxRuns),
                    MaxTime = pr.GetValue(maxTime) is { } mt ? DurationParser.Parse(mt) : null,
                    Timeout = pr.GetValue(timeout) is { } t ? TimeSpan.FromSeconds(t) : null,
                    Seed = pr.GetValue(seed) ?? Random.Shared.NextInt64(1, 1L << 53),
                    Corpus = CampaignInputs.LocateCorpus(pr.GetValue(corpus)),
                    CasesGlob = pr.GetValue(cases),
                    Runtimes = (pr.GetValue(runtime) ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                    Config = RuntimeConfig.Locate(pr.GetValue(CommonOptions.Config)) is { } cfg ? Path.GetFullPath(cfg) : null,
                    Size = pr.GetValue(size)!,
                };
            settings.Validate();

            // The two inputs that come from other stages, resolved in one place each.
            var caseList = CampaignInputs.Cases(settings);
            var runtimes = CampaignRuntimes.Resolve(settings.Runtimes, pr.GetValue(CommonOptions.Config) ?? settings.Config);

            var scheduler = new CampaignScheduler(store, settings, VerdictStoppingRule.ForCampaign(settings));
            var outcome = await CampaignProgressBar.RunAsync(p => scheduler.RunAsync(caseList, runtimes, pr.GetValue(resume), p, ct));
            var matrix = ValidationMatrix.Build(caseList, runtimes.Select(r => r.Name).ToList(), store.ReadRows(outcome.CampaignId).Select(r => r.Run));

            if (pr.GetValue(json))
                JsonOutput.Print(new
                {
                    db = store.Path,
                    campaign = outcome.CampaignId,
                    end = outcome.End.ToString().ToLowerInvariant(),
                    runs_this_session = outcome.RunsThisSession,
                    stored_runs = outcome.StoredRuns,
                    failed_cells = outcome.Failures,
                    elapsed_s = Math.Round(outcome.Elapsed.TotalSeconds, 3),
                    seed = settings.Seed,
                    validation = new
                    {
                        matrix.Cases,
                        matrix.Runtimes,
                        cells = matrix.Cells.Select(c => new
                        {
                            c.Case, c.Runtime, c.Runs, c.OkRuns, status = c.Status is { } st ? st.ToWire() : null, c.Message, c.StdoutSha256, c.OutputDiffers,
                        }),
                        reference = matrix.ReferenceSource,
                    },
                });
            else
            {
                ValidationMatrixView.Render(AnsiConsole.Console, matrix);
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"campaign {outcome.CampaignId}: {outcome.End.ToString().ToLowerInvariant()}, {outcome.RunsThisSession} runs now, {outcome.StoredRuns} stored in {store.Path} (seed {settings.Seed}), {outcome.Elapsed.TotalSeconds:0.0} s")));
                if (outcome.End != CampaignEnd.Completed)
                    AnsiConsole.MarkupLine(Markup.Escape($"continue with: wasm-perfdiff run --resume --db {store.Path}"));
            }
            return outcome.End == CampaignEnd.Completed && !matrix.Failed.Any() && !matrix.Divergent.Any() ? ExitCodes.Ok : ExitCodes.Found;
        });
        return cmd;
    }
}
