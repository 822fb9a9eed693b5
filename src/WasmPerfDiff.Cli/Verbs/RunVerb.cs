using System.CommandLine;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

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
        var defaults = new CampaignSettings();
        var corpus = CaseOptions.Corpus();
        var cases = CaseOptions.Cases();
        var runtime = CommonOptions.Runtimes();
        var size = CaseOptions.Size();
        var db = CampaignDbOption.Create();
        var warmup = new Option<int>("--warmup") { Description = "unmeasured runs per cell first", DefaultValueFactory = _ => defaults.Warmup };
        var minRuns = new Option<int>("--min-runs") { Description = "measured runs per cell before it may stop", DefaultValueFactory = _ => defaults.MinRuns };
        var maxRuns = new Option<int>("--max-runs") { Description = "measured runs per cell at most", DefaultValueFactory = _ => defaults.MaxRuns };
        var maxTime = new Option<string?>("--max-time") { Description = "time budget of the campaign: 90s, 5m, 1h30m" };
        var timeout = new Option<double?>("--timeout") { Description = "per-run timeout in seconds (default: 10× the cell's usual time, at least 10 s)" };
        var seed = CommonOptions.Seed<long?>("seed of the run order (default: random, stored with the campaign)");
        var resume = new Option<bool>("--resume") { Description = "continue the campaign in --db with its stored settings (--max-time may be given anew; other options must match them)" };
        var json = CommonOptions.Json();
        var shards = new ShardOptions();
        var cmd = new Command("run", "run every case on every runtime, scheduled in shuffled rounds, stored in SQLite")
        {
            corpus, cases, runtime, size, db, warmup, minRuns, maxRuns, maxTime, timeout, seed, resume, json,
        };
        foreach (var o in shards.All) cmd.Options.Add(o);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var request = new CampaignRequest
            {
                // A --db the user gave is the file written; only the default name carries the shard.
                Database = pr.GetResult(db) is { Implicit: false } ? pr.GetValue(db) : null,
                Resume = pr.GetValue(resume),
                Seed = pr.GetValue(seed),
                CorpusDirectory = pr.GetValue(corpus),
                ConfigPath = pr.GetValue(CommonOptions.Config),
                Shard = shards.Read(pr), ShardCosts = pr.GetValue(shards.ShardCosts), Given = GivenOptions.Of(pr),
                Settings = new CampaignSettings
                {
                    Warmup = pr.GetValue(warmup), MinRuns = pr.GetValue(minRuns), MaxRuns = pr.GetValue(maxRuns),
                    MaxTime = pr.GetValue(maxTime) is { } mt ? DurationParser.Parse(mt) : null,
                    Timeout = pr.GetValue(timeout) is { } t ? Durations.FromSeconds(t, "Timeout") : null,
                    CasesGlob = pr.GetValue(cases), Runtimes = CommonOptions.SplitList(pr.GetValue(runtime)), Size = pr.GetValue(size)!,
                },
            };
            var result = await CampaignProgressBar.RunAsync(p => CampaignWorkflow.RunAsync(request, p, ct));
            if (pr.GetValue(json)) JsonOutput.Print(CampaignDocument.From(result.Database, result.Outcome, result.Settings.Seed, result.Matrix));
            else ValidationMatrixView.Print(result);
            return result.Clean ? ExitCodes.Ok : ExitCodes.Found;
        });
        return cmd;
    }
}
