using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Tests.Store;

public class WarpDiffDataTests
{
    [Fact]
    public void Published_data_has_126_cases_with_all_ten_runtimes_of_total_time()
    {
        var means = WarpDiffData.Read(TestPaths.WarpDiffData);
        var total = means.Where(m => m.Metric == "total_time").ToList();
        var runtimes = total.Select(m => m.Runtime).Distinct().ToList();
        Assert.Equal(10, runtimes.Count);
        var complete = total.GroupBy(m => m.Case).Count(g => g.Select(m => m.Runtime).Distinct().Count() == 10);
        Assert.Equal(126, complete);
    }

    [Fact]
    public void Case_runs_carry_means_as_phases_in_milliseconds()
    {
        var runs = WarpDiffData.ToCaseRuns(WarpDiffData.Read(TestPaths.WarpDiffData));
        var fasta = runs.Single(r => r.Case == "BenchmarkGame-fasta" && r.Result.Runtime == "wasmer").Result;
        Assert.NotNull(fasta.Phases.ExecuteMs);
        Assert.True(fasta.WallMs >= fasta.Phases.ExecuteMs);
        Assert.Contains(runs, r => r.Case == "Shootout-methcall");
        Assert.Contains(runs, r => r.Case == "Shootout-C++-methcall");
    }

    [Fact]
    public void A_folder_without_data_is_a_usage_error()
    {
        var empty = Directory.CreateTempSubdirectory().FullName;
        Assert.Throws<BadInputException>(() => WarpDiffData.Read(empty));
    }
}
