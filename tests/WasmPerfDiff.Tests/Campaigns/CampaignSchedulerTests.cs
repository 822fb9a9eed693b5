using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Tests.Campaigns;

public class CampaignSchedulerTests
{
    private static CampaignSettings Settings(int warmup = 0, int min = 3, int max = 10, long seed = 42) =>
        new() { Warmup = warmup, MinRuns = min, MaxRuns = max, Seed = seed };

    [Fact]
    public async Task Steady_cells_stop_once_the_median_is_bounded_and_noisy_ones_at_max_runs()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var steady = new FakeRuntime("steady");
        var noisy = new FakeRuntime("noisy", (_, call) => FakeRuntime.Ok("noisy", call % 2 == 0 ? 100 : 300));
        var outcome = await new CampaignScheduler(store, Settings(), null, FakeRuntime.Execute).RunAsync(TestCases.Make(2), [steady, noisy], resume: false);

        Assert.Equal(CampaignEnd.Completed, outcome.End);
        var rounds = store.CompletedRounds(outcome.CampaignId);
        // Six equal runs are the fewest whose 95 % order-statistic CI is bounded (and then has width 0).
        Assert.Equal(6, rounds[("case1", "steady")]);
        Assert.Equal(10, rounds[("case2", "noisy")]);
        Assert.Equal(2 * 6 + 2 * 10, store.ReadCaseRuns().Count);
    }

    [Fact]
    public async Task A_crashing_runtime_is_recorded_once_per_cell_and_the_campaign_completes()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var good = new FakeRuntime("good");
        // Crashes from its third call on: mid-campaign, after some cells already ran fine.
        var flaky = new FakeRuntime("flaky", (_, call) => call >= 3 ? FakeRuntime.Crash("flaky") : FakeRuntime.Ok("flaky", 100));
        var outcome = await new CampaignScheduler(store, Settings(min: 3, max: 3), null, FakeRuntime.Execute).RunAsync(TestCases.Make(3), [good, flaky], resume: false);

        Assert.Equal(CampaignEnd.Completed, outcome.End);
        var runs = store.ReadCaseRuns();
        Assert.Equal(9, runs.Count(r => r.Result.Runtime == "good" && r.Result.Status == RunStatus.Ok));
        var flakyCells = runs.Where(r => r.Result.Runtime == "flaky").GroupBy(r => r.Case).ToList();
        Assert.Equal(3, flakyCells.Count);
        // Every flaky cell ends with exactly one crash and no run after it.
        Assert.All(flakyCells, g => Assert.Equal(RunStatus.Crash, g.OrderBy(r => r.Round).Last().Result.Status));
        Assert.All(flakyCells, g => Assert.Single(g, r => r.Result.Status == RunStatus.Crash));
        Assert.Equal(3, outcome.Failures);

        var matrix = ValidationMatrix.Build(TestCases.Make(3), ["good", "flaky"], runs);
        Assert.Equal(3, matrix.Failed.Count());
        Assert.All(matrix.Failed, c => Assert.Equal(RunStatus.Crash, c.Status));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_run_order_and_another_seed_another()
    {
        async Task<string> Order(long seed)
        {
            using var store = CampaignStore.Open(TestCases.TempDb());
            var log = new List<string>();
            var a = new FakeRuntime("a", (req, _) => { log.Add("a:" + Path.GetFileName(req.WasmPath)); return FakeRuntime.Ok("a", 100); });
            var b = new FakeRuntime("b", (req, _) => { log.Add("b:" + Path.GetFileName(req.WasmPath)); return FakeRuntime.Ok("b", 100); });
            await new CampaignScheduler(store, Settings(warmup: 1, min: 3, max: 3, seed: seed), null, FakeRuntime.Execute).RunAsync(TestCases.Make(4), [a, b], resume: false);
            return string.Join(" ", log);
        }
        var first = await Order(7);
        Assert.Equal(first, await Order(7));
        Assert.NotEqual(first, await Order(8));
    }

    [Fact]
    public async Task Rounds_are_shuffled_differently_but_every_cell_runs_once_per_round()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var log = new List<string>();
        var rt = new FakeRuntime("a", (req, _) => { log.Add(Path.GetFileName(req.WasmPath)); return FakeRuntime.Ok("a", 100); });
        await new CampaignScheduler(store, Settings(min: 4, max: 4), null, FakeRuntime.Execute).RunAsync(TestCases.Make(6), [rt], resume: false);
        var rounds = log.Chunk(6).Select(r => string.Join(",", r)).ToList();
        Assert.Equal(4, rounds.Count);
        Assert.All(rounds, r => Assert.Equal(6, r.Split(',').Distinct().Count()));
        Assert.True(rounds.Distinct().Count() > 1, "every round had the same order");
    }

    [Fact]
    public async Task A_cancelled_campaign_resumes_at_the_next_round_of_every_cell_without_duplicates()
    {
        var db = TestCases.TempDb();
        using var cts = new CancellationTokenSource();
        string id;
        using (var store = CampaignStore.Open(db))
        {
            var rt = new FakeRuntime("a", (_, call) =>
            {
                if (call == 7) cts.Cancel(); // "killed" while the 7th run is in flight: it must not be stored
                return FakeRuntime.Ok("a", 100);
            });
            var first = await new CampaignScheduler(store, Settings(min: 3, max: 3), null, FakeRuntime.Execute).RunAsync(TestCases.Make(4), [rt], false, null, cts.Token);
            Assert.Equal(CampaignEnd.Cancelled, first.End);
            Assert.Equal(6, first.StoredRuns);
            id = first.CampaignId;
        }
        using (var store = CampaignStore.Open(db))
        {
            var rt = new FakeRuntime("a");
            var second = await new CampaignScheduler(store, Settings(min: 3, max: 3), null, FakeRuntime.Execute).RunAsync(TestCases.Make(4), [rt], resume: true);
            Assert.Equal(CampaignEnd.Completed, second.End);
            Assert.Equal(id, second.CampaignId);
            Assert.Equal(6, rt.Calls.Count);
            var runs = store.ReadCaseRuns();
            Assert.Equal(12, runs.Count);
            Assert.All(runs.GroupBy(r => r.Case), g => Assert.Equal([1, 2, 3], g.Select(r => r.Round).Order()));
        }
    }

    [Fact]
    public async Task Max_time_stops_the_campaign_and_resume_finishes_it()
    {
        var db = TestCases.TempDb();
        var slow = new FakeRuntime("slow", (_, _) => { Thread.Sleep(40); return FakeRuntime.Ok("slow", 40); });
        var settings = Settings(min: 3, max: 3) with { MaxTime = TimeSpan.FromMilliseconds(150) };
        using var store = CampaignStore.Open(db);
        var first = await new CampaignScheduler(store, settings, null, FakeRuntime.Execute).RunAsync(TestCases.Make(5), [slow], resume: false);
        Assert.Equal(CampaignEnd.OutOfTime, first.End);
        Assert.InRange(first.StoredRuns, 1, 14);

        var second = await new CampaignScheduler(store, settings with { MaxTime = null }, null, FakeRuntime.Execute).RunAsync(TestCases.Make(5), [slow], resume: true);
        Assert.Equal(CampaignEnd.Completed, second.End);
        Assert.Equal(15, store.CountRuns());
    }

    [Fact]
    public async Task Output_differing_from_the_expected_hash_is_a_mismatch()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var right = new FakeRuntime("right", (_, _) => FakeRuntime.Ok("right", 100, "abc"));
        var wrong = new FakeRuntime("wrong", (_, _) => FakeRuntime.Ok("wrong", 100, "def"));
        var cases = TestCases.Make(1, expectedSha: "abc");
        await new CampaignScheduler(store, Settings(min: 3, max: 3), null, FakeRuntime.Execute).RunAsync(cases, [right, wrong], resume: false);

        var runs = store.ReadCaseRuns();
        Assert.Equal(3, runs.Count(r => r.Result.Runtime == "right" && r.Result.Status == RunStatus.Ok));
        Assert.Equal(RunStatus.Mismatch, Assert.Single(runs, r => r.Result.Runtime == "wrong").Result.Status);
        var matrix = ValidationMatrix.Build(cases, ["right", "wrong"], runs);
        Assert.True(matrix.Cell("case1", "wrong")!.OutputDiffers);
        Assert.False(matrix.Cell("case1", "right")!.OutputDiffers);
    }

    [Fact]
    public void Without_an_expected_hash_the_majority_output_is_the_reference()
    {
        var cases = TestCases.Make(1);
        CaseRun Run(string rt, string sha) => new("case1", 1, FakeRuntime.Ok(rt, 100, sha));
        var matrix = ValidationMatrix.Build(cases, ["a", "b", "c", "d"], [Run("a", "x"), Run("b", "x"), Run("c", "y")]);
        Assert.Equal(["c"], matrix.Divergent.Select(c => c.Runtime));
        Assert.Null(matrix.Cell("case1", "d")!.Status); // never ran
        Assert.Equal("majority", matrix.ReferenceSource["case1"]);
    }

    [Fact]
    public async Task An_unavailable_runtime_is_recorded_as_unsupported_and_not_run()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var missing = new FakeRuntime("missing") { Available = false };
        await new CampaignScheduler(store, Settings(min: 2, max: 2), null, FakeRuntime.Execute).RunAsync(TestCases.Make(2), [new FakeRuntime("here"), missing], resume: false);
        Assert.Empty(missing.Calls);
        Assert.Equal(2, store.ReadCaseRuns().Count(r => r.Result.Status == RunStatus.Unsupported));
    }

    [Fact]
    public void Timeouts_follow_the_cell_time_with_a_floor_unless_fixed()
    {
        var adaptive = new RunTimeoutPolicy(null);
        Assert.Equal(RunTimeoutPolicy.FirstRun, adaptive.For([]));
        Assert.Equal(RunTimeoutPolicy.Floor, adaptive.For([50, 60, 70]));
        Assert.Equal(TimeSpan.FromSeconds(30), adaptive.For([2900, 3000, 3100]));
        Assert.Equal(TimeSpan.FromSeconds(2), new RunTimeoutPolicy(TimeSpan.FromSeconds(2)).For([3000]));
    }

    [Fact]
    public async Task Progress_reports_done_runs_remaining_bound_and_failures()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var reports = new List<CampaignProgress>();
        var progress = new SyncProgress(reports.Add);
        var crash = new FakeRuntime("crash", (_, _) => FakeRuntime.Crash("crash"));
        await new CampaignScheduler(store, Settings(min: 2, max: 2), null, FakeRuntime.Execute).RunAsync(TestCases.Make(2), [new FakeRuntime("ok"), crash], false, progress);
        var last = reports[^1];
        Assert.Equal(6, last.DoneRuns);   // 2 cells × 2 runs + 2 crashed cells × 1
        Assert.Equal(2, last.Failures);
        Assert.Equal(0, last.ActiveCells);
        Assert.Contains(reports, r => r.CurrentCell != null && r.CurrentCell.Contains('@'));
        Assert.True(reports.Select(r => r.DoneRuns).SequenceEqual(reports.Select(r => r.DoneRuns).Order()));
    }

    private sealed class SyncProgress(Action<CampaignProgress> onReport) : IProgress<CampaignProgress>
    {
        public void Report(CampaignProgress value) => onReport(value);
    }
}

public class CampaignWarmupTests
{
    [Fact]
    public async Task Warmups_are_not_stored_but_a_failing_warmup_is_the_cells_one_failure()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var ok = new FakeRuntime("ok");
        var broken = new FakeRuntime("broken", (_, _) => FakeRuntime.Crash("broken"));
        var settings = new CampaignSettings { Warmup = 2, MinRuns = 2, MaxRuns = 2, Seed = 4 };
        await new CampaignScheduler(store, settings, null, FakeRuntime.Execute).RunAsync(TestCases.Make(2), [ok, broken], resume: false);

        Assert.Equal(2 * (2 + 2), ok.Calls.Count);          // 2 warmups + 2 measured per case
        Assert.Equal(2, broken.Calls.Count);                 // first warmup crashes, nothing after it
        var runs = store.ReadCaseRuns();
        Assert.Equal(4, runs.Count(r => r.Result.Runtime == "ok"));
        Assert.All(runs.Where(r => r.Result.Runtime == "broken"), r => Assert.Equal((1, RunStatus.Crash), (r.Round, r.Result.Status)));
        Assert.Equal(2, runs.Count(r => r.Result.Runtime == "broken"));
    }
}
