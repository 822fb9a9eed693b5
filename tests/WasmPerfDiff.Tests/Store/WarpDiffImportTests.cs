using WasmPerfDiff.Store;
using WasmPerfDiff.Store.WarpDiff;
using WasmPerfDiff.Tests.Campaigns;

namespace WasmPerfDiff.Tests.Store;

public class WarpDiffImportTests
{
    [Fact]
    public void Importing_the_published_data_gives_126_cases_with_all_ten_runtimes_of_total_time()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var result = WarpDiffImport.Import(store, TestPaths.WarpDiffData);

        var runs = store.ReadCaseRuns();
        var runtimes = runs.Select(r => r.Result.Runtime).Distinct().ToList();
        Assert.Equal(10, runtimes.Count);
        var complete = runs.GroupBy(r => r.Case).Count(g => g.Select(r => r.Result.Runtime).Distinct().Count() == 10);
        Assert.Equal(126, complete);
        Assert.Equal(runs.Count, result.Runs);
        Assert.True(Assert.Single(store.Campaigns()).MeansOnly);
        Assert.Contains(store.Runtimes(), r => r.Name == "iwasm--fast-jit" && r.Engine == "wamr" && r.Tier == "fast-jit");
    }

    [Fact]
    public void Importing_twice_adds_nothing()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        WarpDiffImport.Import(store, TestPaths.WarpDiffData);
        var before = store.CountRuns();
        WarpDiffImport.Import(store, TestPaths.WarpDiffData);
        Assert.Equal(before, store.CountRuns());
    }
}
