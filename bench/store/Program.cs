using System.Diagnostics;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;

// StoreBench: the campaign store's batch ingest rate and the scheduler's own cost per run.
// Usage: dotnet run -c Release --project bench/store [-- ROWS]
// Goals: batch ingest ≥ 200 000 run rows/s (one transaction, one prepared statement reused);
// scheduler overhead per run small against the ≥ 10 ms a real child-process run costs.

var rows = args.Length > 0 ? int.Parse(args[0]) : 500_000;
var dir = Directory.CreateTempSubdirectory("storebench-").FullName;
try
{
    Ingest(rows, Path.Combine(dir, "ingest.db"));
    PerRunCommits(2_000, Path.Combine(dir, "commits.db"));
    await SchedulerOverhead(cases: 50, runtimes: 4, runsPerCell: 10, Path.Combine(dir, "scheduler.db"));
}
finally
{
    Directory.Delete(dir, recursive: true);
}

/// <summary>Runs in key order (case, runtime, round), the order in which batch imports hand them
/// over: a shard merge reads them sorted by that key, the WarpDiff import by case and runtime.</summary>
static IEnumerable<CaseRun> SyntheticRuns(int count, int cases, string[] runtimes)
{
    var roundsPerCell = (count + cases * runtimes.Length - 1) / (cases * runtimes.Length);
    var rng = new Random(1);
    var started = DateTimeOffset.UtcNow;
    for (var i = 0; i < count; i++)
    {
        var wall = 100 + rng.NextDouble() * 50;
        var round = i % roundsPerCell;
        var cell = i / roundsPerCell;
        var result = new RunResult(runtimes[cell % runtimes.Length], RunStatus.Ok, 0, null, wall, wall * 0.95, 2.5, 40_000 + i % 1000,
            1024, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", 0,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            new Phases(5, 20, 1, wall - 30, 4), started.AddMilliseconds(i));
        yield return new CaseRun($"case{cell / runtimes.Length}", 1 + round, result);
    }
}

static CampaignStore Prepared(string path, int cases, string[] runtimes)
{
    var store = CampaignStore.Open(path);
    foreach (var rt in runtimes) store.RecordRuntime(new RuntimeRecord(rt, "bench", "t", null, rt));
    for (var c = 0; c < cases; c++) store.RecordCase(new CaseRecord($"case{c}", "bench", $"/bench/case{c}.wasm", $"sha{c}", []));
    return store;
}

static void Ingest(int count, string path)
{
    string[] runtimes = ["rt-a", "rt-b", "rt-c", "rt-d", "rt-e", "rt-f", "rt-g", "rt-h", "rt-i", "rt-j"];
    using var store = Prepared(path, 100, runtimes);
    var id = store.CreateLocalCampaign(new CampaignSettings(), 1).Id;
    var runs = SyntheticRuns(count, 100, runtimes).ToList(); // built up front: only the store is timed
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var added = store.AppendBatch(id, runs);
    clock.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    // Wall rate is what a user sees; the CPU-time rate is what the code costs on a machine shared
    // with other work (the bench machine often is).
    Report("batch ingest", $"{added:N0} rows in {clock.Elapsed.TotalSeconds:0.000} s = {added / clock.Elapsed.TotalSeconds:N0} rows/s wall, " +
                           $"{added / cpu.TotalSeconds:N0} rows/s of CPU time (goal ≥ 200,000)");
    clock.Restart();
    var back = store.ReadCaseRuns();
    Report("read back", $"{back.Count:N0} rows in {clock.Elapsed.TotalSeconds:0.000} s = {back.Count / clock.Elapsed.TotalSeconds:N0} rows/s");
}

static void PerRunCommits(int count, string path)
{
    string[] runtimes = ["rt-a", "rt-b"];
    using var store = Prepared(path, 100, runtimes);
    var id = store.CreateLocalCampaign(new CampaignSettings(), 1).Id;
    var runs = SyntheticRuns(count, 100, runtimes).ToList();
    var clock = Stopwatch.StartNew();
    foreach (var r in runs) store.Append(id, r);
    clock.Stop();
    Report("commit per run", $"{count:N0} runs, {clock.Elapsed.TotalMilliseconds / count * 1000:0} µs per committed run (what a campaign pays)");
}

static async Task SchedulerOverhead(int cases, int runtimes, int runsPerCell, string path)
{
    var rts = Enumerable.Range(0, runtimes).Select(i => (IRuntime)new InstantRuntime($"rt-{i}")).ToList();
    var caseList = Enumerable.Range(0, cases).Select(c => new CaseRecord($"case{c}", "bench", $"/bench/case{c}.wasm", $"sha{c}", [])).ToList();
    using var store = CampaignStore.Open(path);
    // Noisy stand-in times (±20 %) so no cell settles early: every cell runs to --max-runs, and the
    // stopping rule (analysis verdicts, then the median CI) is consulted from --min-runs on.
    var settings = new CampaignSettings { Warmup = 0, MinRuns = 3, MaxRuns = runsPerCell, Seed = 1 };
    var rng = new Random(2);
    var result = new RunResult("x", RunStatus.Ok, 0, null, 100, 90, 1, 1000, 6, "aa", 0, "bb", Phases.None, DateTimeOffset.UtcNow);
    var calls = 0;
    var progressReports = 0;
    var scheduler = new CampaignScheduler(store, settings, null, (rt, _, _) =>
    {
        calls++;
        return Task.FromResult(result with { Runtime = rt.Name, WallMs = 80 + rng.NextDouble() * 40 });
    });
    var clock = Stopwatch.StartNew();
    var outcome = await scheduler.RunAsync(caseList, rts, resume: false, new Counter(() => progressReports++));
    clock.Stop();
    Report("scheduler", $"{calls:N0} runs of {cases * runtimes} cells in {clock.Elapsed.TotalSeconds:0.000} s = " +
                        $"{clock.Elapsed.TotalMilliseconds / calls * 1000:0} µs per run (commit, stopping rule, shuffle, {progressReports:N0} progress reports); {outcome.StoredRuns:N0} stored");
}

static void Report(string what, string text) => Console.WriteLine($"{what,-16} {text}");

/// <summary>A runtime that is never started: the scheduler bench hands results back instantly.</summary>
sealed class InstantRuntime(string name) : IRuntime
{
    public string Name => name;
    public string Engine => "bench";
    public string Tier => "instant";
    public string Describe() => "instant stand-in";
    public RuntimeAvailability Detect() => new(true, "0", null, null);
    public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("timing stand-in only");
}

sealed class Counter(Action onReport) : IProgress<CampaignProgress>
{
    public void Report(CampaignProgress value) => onReport();
}
