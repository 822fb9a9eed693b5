using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>The two published-data checks of issue 5, through the library.</summary>
public class PublishedDataAnalysisTests
{
    [Fact]
    public void WarpDiff_method_reproduces_the_published_ranking_of_total_time()
    {
        var result = DifferentialAnalysis.Analyze(PublishedData.Runs, PublishedData.Options(AnalysisMethod.Warpdiff, AnalysisPhase.Total));

        Assert.Equal(123, result.Cases);
        Assert.Equal(PublishedData.Runtimes, result.Runtimes);
        var first = result.Ranking[0];
        Assert.Equal("BenchmarkGame-fasta", first.Case);
        Assert.Equal(0.8439, Math.Round(first.Distance, 4));
        Assert.Equal(0.702, Math.Round(first.Deviation["wasmer"], 3));
        Assert.Equal("wasmer", result.Findings[0].Runtime);
        Assert.Equal(0.1049, Math.Round(result.Centre!["wasmer"], 4));
        Assert.Equal(0.0955, Math.Round(result.Centre["wasmtime"], 4));
        Assert.Equal(0.5428, Math.Round(result.Centre["wasm3"], 4));
        Assert.True(result.Ranking.Zip(result.Ranking.Skip(1)).All(p => p.First.Distance >= p.Second.Distance), "ranking is by distance, descending");
    }

    [Theory]
    [InlineData(AnalysisPhase.Execution, "code_execution_time")]
    [InlineData(AnalysisPhase.Total, "total_time")]
    public void Robust_top_15_names_the_known_anomalies_and_no_short_case(AnalysisPhase phase, string metric)
    {
        var result = DifferentialAnalysis.Analyze(PublishedData.Runs, PublishedData.Options(AnalysisMethod.Robust, phase));

        Assert.True(result.MeansOnly);
        var timing = result.Findings.Where(f => f.IsTiming).ToList();
        Assert.All(timing, f => Assert.Null(f.CiLow));
        Assert.All(timing.Where(f => f.Kind == FindingKind.Peer), f => Assert.NotNull(f.Peer));
        PublishedData.AssertExpectedTop15(timing.Take(15).Select(f => (f.Case, f.Runtime)).ToList(), metric);
        Assert.All(timing.Take(15), f => Assert.Equal(Verdict.Anomaly, f.Verdict));
    }

    [Fact]
    public void Load_phase_lists_startup_findings_only()
    {
        var result = DifferentialAnalysis.Analyze(PublishedData.Runs, PublishedData.Options(AnalysisMethod.Robust, AnalysisPhase.Load));
        Assert.NotEmpty(result.Findings);
        Assert.All(result.Findings, f => Assert.Equal(FindingKind.Startup, f.Kind));
    }
}
