using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary>The demo's per-case size (issue 27): every case has one, and at it a case is ranked above the demo's floor.</summary>
public class DemoSizeTests
{
    private static CorpusSet Corpus() => CorpusSet.Open(Path.Combine(TestPaths.RepoRoot, "corpus"));

    [Fact]
    public void Every_case_of_the_corpus_has_a_demo_size_with_its_expected_output()
    {
        var corpus = Corpus();
        Assert.All(corpus.Cases, c =>
        {
            Assert.True(c.Sizes.TryGetValue(DemoPlan.DefaultSize, out var demo), $"{c.Name} has no demo size");
            Assert.NotNull(demo!.StdoutSha256);
        });
        Assert.Equal(DemoPlan.DefaultSize, DemoPlan.SizeFor(corpus.Directory, null, DemoPlan.DefaultSize));
    }

    [Fact]
    public async Task Cases_that_ran_under_the_floor_at_the_test_size_are_ranked_at_the_demo_size()
    {
        // Three programs whose native test-size run takes about 1 ms: at the test size they were shown but not ranked.
        var cases = CampaignCases.FromCorpus(Corpus(), "flops-2,towers,json-tokens", DemoPlan.DefaultSize);
        var runtimes = RuntimeCatalog.Load().Select(["wasmtime-cranelift", "wasmtime-winch"]);
        var settings = new CampaignSettings { Warmup = 0, MinRuns = 3, MaxRuns = 3, Seed = 1 };
        using var store = CampaignStore.Open(TestCases.TempDb());
        var outcome = await new CampaignScheduler(store, settings).RunAsync(cases, runtimes, resume: false);

        var runs = store.ReadCaseRuns();
        // The recorded outputs of the demo size are right (a mismatch would be a failed run).
        Assert.All(runs, r => Assert.Equal(RunStatus.Ok, r.Result.Status));
        var result = DifferentialAnalysis.Analyze(runs, new AnalysisOptions { FloorMs = DemoPlan.FloorMs });
        Assert.Equal(3, result.Cases);
        Assert.Equal(0, result.BelowFloorCases);
        Assert.Equal(CampaignEnd.Completed, outcome.End);
    }
}
