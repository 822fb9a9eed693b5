using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Campaigns;

namespace WasmPerfDiff.Tests.Store;

public class ShardMergeTests
{
    private static async Task<string> Shard(IReadOnlyList<CaseRecord> cases, string runtime, long seed)
    {
        var db = TestCases.TempDb();
        using var store = CampaignStore.Open(db);
        var settings = new CampaignSettings { Warmup = 0, MinRuns = 2, MaxRuns = 2, Seed = seed };
        await new CampaignScheduler(store, settings, null, FakeRuntime.Execute).RunAsync(cases, [new FakeRuntime(runtime)], resume: false);
        return db;
    }

    [Fact]
    public async Task Shards_merge_into_one_file_keeping_each_campaign_and_merging_again_adds_nothing()
    {
        var cases = TestCases.Make(3);
        var a = await Shard(cases, "rt-a", 1);
        var b = await Shard(cases, "rt-b", 2);
        using var target = CampaignStore.Open(a);
        using var source = CampaignStore.OpenExisting(b);

        var r = ShardMerge.Merge(target, source);
        Assert.Equal(6, r.RunsAdded);
        Assert.Equal(12, target.CountRuns());
        Assert.Equal(["local", "shard"], target.Campaigns().Select(c => c.Origin).Order());
        Assert.Equal(2, target.Runtimes().Count);

        var again = ShardMerge.Merge(target, source);
        Assert.Equal(0, again.RunsAdded);
        Assert.Equal(6, again.RunsAlreadyPresent);
        Assert.Equal(12, target.ReadCaseRuns().Count);
    }

    [Fact]
    public async Task Shards_of_another_corpus_are_refused()
    {
        var a = await Shard(TestCases.Make(2), "rt", 1);
        var b = await Shard(TestCases.Make(2).Select(c => c with { WasmSha256 = c.WasmSha256 + "x" }).ToList(), "rt", 2);
        using var target = CampaignStore.Open(a);
        using var source = CampaignStore.OpenExisting(b);
        var e = Assert.Throws<BadInputException>(() => ShardMerge.Merge(target, source));
        Assert.Contains("not the same corpus", e.Message);
        Assert.Equal(4, target.CountRuns());
    }
}
