using System.Text.Json;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>The published-data checks through the built CLI, run as a real process with <c>--json</c>.</summary>
public class AnalyzeCliTests
{
    private static string Runtimes => string.Join(",", PublishedData.Runtimes);

    [Fact]
    public void Warpdiff_method_json_has_the_published_first_case_and_centre()
    {
        var (code, stdout, _) = CliProcess.Run("analyze", "--warpdiff", TestPaths.WarpDiffData, "--method", "warpdiff", "--phase", "total",
            "--runtime", Runtimes, "--exclude", "recursive,ackermann", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("warpdiff", root.GetProperty("method").GetString());
        Assert.Equal("total", root.GetProperty("phase").GetString());
        Assert.Equal(123, root.GetProperty("cases").GetInt32());
        Assert.Equal(PublishedData.Runtimes, root.GetProperty("runtimes").EnumerateArray().Select(e => e.GetString()));
        var first = root.GetProperty("ranking")[0];
        Assert.Equal("BenchmarkGame-fasta", first.GetProperty("case").GetString());
        Assert.Equal(0.8439, Math.Round(first.GetProperty("distance").GetDouble(), 4));
        Assert.Equal(0.702, Math.Round(first.GetProperty("deviation").GetProperty("wasmer").GetDouble(), 3));
        var finding = root.GetProperty("findings")[0];
        Assert.Equal("wasmer", finding.GetProperty("runtime").GetString());
        foreach (var field in new[] { "case", "runtime", "factor", "ci_low", "ci_high", "verdict", "kind", "peer" })
            Assert.True(finding.TryGetProperty(field, out _), $"finding lacks '{field}'");
    }

    [Fact]
    public void Analyze_db_of_an_imported_warpdiff_campaign_gives_the_published_ranking_too()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-analyze-").FullName, "wd.db");
        var (importCode, _, importErr) = CliProcess.Run("import", "warpdiff", TestPaths.WarpDiffData, "--db", db);
        Assert.True(importCode == 0, importErr);
        var (code, stdout, _) = CliProcess.Run("analyze", "--db", db, "--method", "warpdiff", "--phase", "total",
            "--runtime", Runtimes, "--exclude", "recursive,ackermann", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var first = doc.RootElement.GetProperty("ranking")[0];
        Assert.Equal("BenchmarkGame-fasta", first.GetProperty("case").GetString());
        Assert.Equal(0.8439, Math.Round(first.GetProperty("distance").GetDouble(), 4));
        Assert.True(doc.RootElement.GetProperty("means_only").GetBoolean());
    }

    [Theory]
    [InlineData("execution", "code_execution_time")]
    [InlineData("total", "total_time")]
    public void Robust_json_top_15_names_the_known_anomalies(string phase, string metric)
    {
        var (code, stdout, _) = CliProcess.Run("analyze", "--warpdiff", TestPaths.WarpDiffData, "--phase", phase,
            "--runtime", Runtimes, "--exclude", "recursive,ackermann", "--top", "15", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("robust", root.GetProperty("method").GetString());
        Assert.True(root.GetProperty("means_only").GetBoolean());
        var timing = root.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() is "consensus" or "peer").ToList();
        Assert.All(timing, f => Assert.Equal(JsonValueKind.Null, f.GetProperty("ci_low").ValueKind));
        PublishedData.AssertExpectedTop15(timing.Select(f => (f.GetProperty("case").GetString()!, f.GetProperty("runtime").GetString()!)).ToList(), metric);
    }

    [Theory]
    [InlineData("analyze", "--db", "/nonexistent/campaign.db")]
    [InlineData("analyze")]
    [InlineData("analyze", "--warpdiff", "/nonexistent-folder")]
    public void Bad_input_is_a_one_line_usage_error(params string[] args)
    {
        var (code, stdout, stderr) = CliProcess.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
