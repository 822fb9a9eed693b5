using System.Text.Json;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Campaigns;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Store;

/// <summary><c>import</c> and <c>export</c> through the real CLI on real SQLite files.</summary>
public class ImportExportCliTests
{
    private static string TempDb() => TestCases.TempDb();

    [Fact]
    public void WarpDiff_data_imports_as_a_means_only_campaign_and_exports_as_json_and_markdown()
    {
        var db = TempDb();
        var import = CliProcess.Run("import", "warpdiff", TestPaths.WarpDiffData, "--db", db, "--json");
        Assert.True(import.ExitCode == 0, import.Stderr);
        var result = JsonDocument.Parse(import.Stdout).RootElement;
        Assert.Equal(10, result.GetProperty("runtimes").GetInt32());
        Assert.True(result.GetProperty("means_only").GetBoolean());

        var json = CliProcess.Run("export", "--db", db, "--format", "json");
        Assert.Equal(0, json.ExitCode);
        var doc = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.True(doc.GetProperty("campaigns")[0].GetProperty("means_only").GetBoolean());
        var runs = doc.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(result.GetProperty("runs").GetInt32(), runs.Count);
        var fasta = runs.Single(r => r.GetProperty("case").GetString() == "BenchmarkGame-fasta" && r.GetProperty("runtime").GetString() == "wasmer");
        Assert.True(fasta.GetProperty("wall_ms").GetDouble() >= fasta.GetProperty("execute_ms").GetDouble());

        var md = CliProcess.Run("export", "--db", db, "--format", "md");
        Assert.Equal(0, md.ExitCode);
        Assert.Contains("| BenchmarkGame-fasta | wasmer | 1 |", md.Stdout);
        Assert.Contains("published means", md.Stdout);
    }

    [Fact]
    public async Task Import_db_merges_a_shard_and_refuses_another_corpus_with_exit_2()
    {
        async Task<string> Shard(IReadOnlyList<CaseRecord> cases, string runtime)
        {
            var db = TempDb();
            using var store = CampaignStore.Open(db);
            await new CampaignScheduler(store, new CampaignSettings { Warmup = 0, MinRuns = 2, MaxRuns = 2, Seed = 1 }, null, FakeRuntime.Execute)
                .RunAsync(cases, [new FakeRuntime(runtime)], resume: false);
            return db;
        }
        var a = await Shard(TestCases.Make(2), "rt-a");
        var b = await Shard(TestCases.Make(2), "rt-b");
        var other = await Shard(TestCases.Make(2).Select(c => c with { WasmSha256 = "0000" + c.Name }).ToList(), "rt-c");

        var merge = CliProcess.Run("import", "db", b, "--db", a, "--json");
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Equal(4, JsonDocument.Parse(merge.Stdout).RootElement.GetProperty("runs_added").GetInt32());

        var refused = CliProcess.Run("import", "db", other, "--db", a);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not the same corpus", refused.Stderr);
        Assert.Single(refused.Stderr.Trim().Split('\n'));

        var csv = CliProcess.Run("export", "--db", a, "--format", "csv", "--out", a + ".csv");
        Assert.Equal(0, csv.ExitCode);
        Assert.Equal(1 + 8, File.ReadAllLines(a + ".csv").Length);
    }
}
