using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary>How a compare campaign is scheduled: A/B/B/A per case, and both cells of a case stop together.</summary>
public class CompareSchedulingTests
{
    [Fact]
    public async Task Each_case_runs_its_two_sides_back_to_back_in_A_B_B_A_order()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var log = new List<(string Runtime, string Case)>();
        FakeRuntime Side(string name) => new(name, (req, _) =>
        {
            log.Add((name, Path.GetFileNameWithoutExtension(req.WasmPath)));
            return FakeRuntime.Ok(name, 100);
        });
        var settings = new CampaignSettings { Warmup = 0, MinRuns = 4, MaxRuns = 4, Seed = 3, Compare = new CompareSettings("a", "b") };
        await new CampaignScheduler(store, settings, null, FakeRuntime.Execute).RunAsync(TestCases.Make(3), [Side("b"), Side("a")], resume: false);

        foreach (var c in new[] { "case1", "case2", "case3" })
            Assert.Equal("abbaabba", string.Concat(log.Where(l => l.Case == c).Select(l => l.Runtime)));
        // The two runs of a case in a round are adjacent: no other case between them.
        for (var i = 0; i < log.Count; i += 2) Assert.Equal(log[i].Case, log[i + 1].Case);
    }

    [Fact]
    public async Task A_settled_case_stops_both_sides_together_and_an_undecided_one_runs_to_max_runs()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        // case1: b is steadily 2x slower (settles); case2: both sides noisy around the same time (stays unsure).
        FakeRuntime Side(string name) => new(name, (req, call) =>
        {
            var twice = Path.GetFileNameWithoutExtension(req.WasmPath) == "case1" && name == "b";
            var noise = Path.GetFileNameWithoutExtension(req.WasmPath) == "case2" ? (call % 3) * 40 : call % 2;
            return FakeRuntime.Ok(name, (twice ? 200 : 100) + noise);
        });
        var compare = new CompareSettings("a", "b");
        var settings = new CampaignSettings { Warmup = 0, MinRuns = 4, MaxRuns = 12, Seed = 3, Compare = compare };
        await new CampaignScheduler(store, settings, new CompareStoppingRule(compare, 3), FakeRuntime.Execute)
            .RunAsync(TestCases.Make(2), [Side("a"), Side("b")], resume: false);

        var counts = store.ReadCaseRuns().GroupBy(r => (r.Case, r.Result.Runtime)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(counts[("case1", "a")], counts[("case1", "b")]);
        Assert.InRange(counts[("case1", "a")], 4, 6);
        Assert.Equal(12, counts[("case2", "a")]);
        var summary = CompareAnalysis.Analyze(store.ReadCaseRuns(), compare);
        Assert.Equal(CompareVerdict.Slower, summary.Cases.Single(c => c.Case == "case1").Verdict);
        Assert.InRange(summary.Cases.Single(c => c.Case == "case1").Execution!.Ratio, 1.9, 2.1);
    }

    [Fact]
    public async Task A_case_that_stops_before_max_runs_ends_with_the_verdict_it_stopped_on_never_unsure()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        // 40 cases whose candidate is 1-4 % slower with 3 % noise: many settle near the 2 % band after a few rounds, where one
        // more run can move the interval back across it. Noise is a fixed function of (case, side, round): reproducible.
        static double Noise(int c, string side, int call) => new Random(c * 7919 + (side == "b" ? 1_000_003 : 0) + call).NextDouble();
        FakeRuntime Side(string name) => new(name, (req, call) =>
        {
            var c = int.Parse(Path.GetFileNameWithoutExtension(req.WasmPath)["case".Length..]);
            var shift = name == "b" ? 1 + 0.01 * (1 + c % 4) : 1;
            return FakeRuntime.Ok(name, 100 * shift * (1 + 0.03 * (2 * Noise(c, name, call) - 1)));
        });
        var compare = new CompareSettings("a", "b");
        var settings = new CampaignSettings { Warmup = 0, MinRuns = 5, MaxRuns = 30, Seed = 5, Compare = compare };
        await new CampaignScheduler(store, settings, new CompareStoppingRule(compare, settings.Seed), FakeRuntime.Execute)
            .RunAsync(TestCases.Make(40), [Side("a"), Side("b")], resume: false);

        var summary = CompareAnalysis.Analyze(store.ReadCaseRuns(), compare, settings.Seed);
        var early = summary.Cases.Where(c => c.BaselineRuns < settings.MaxRuns).ToList();
        Assert.NotEmpty(early);
        Assert.All(early, c => Assert.Equal(c.BaselineRuns, c.CandidateRuns));
        Assert.DoesNotContain(early, c => c.Verdict == CompareVerdict.Unsure);
    }
}
