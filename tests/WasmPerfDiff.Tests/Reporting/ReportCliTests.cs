using System.Text.Json;
using WasmPerfDiff.Reporting;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Reporting;

[Collection(ReportCampaignCollection.Name)]
public class ReportCliTests(ReportCampaignFixture campaign)
{
    [Fact]
    public void Report_verb_writes_html_and_markdown_and_lists_them_in_json()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-cli-report-").FullName;
        var html = Path.Combine(dir, "out", "r.html");
        var md = Path.Combine(dir, "out", "r.md");
        var r = CliProcess.Run("report", "--db", campaign.Db, "--out", html, "--md", md, "--floor-ms", "0", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(html, doc.RootElement.GetProperty("html").GetString());
        Assert.Equal(md, doc.RootElement.GetProperty("markdown").GetString());
        Assert.Equal(campaign.Runtimes.Count, doc.RootElement.GetProperty("runtimes").GetArrayLength());
        Assert.Equal(4, doc.RootElement.GetProperty("counts").GetProperty("cases").GetInt32());
        Assert.Contains("<section id=\"heatmap\"", File.ReadAllText(html));
        Assert.StartsWith("## wasm-perfdiff report", File.ReadAllText(md));
    }

    [Fact]
    public void Report_of_a_missing_database_is_a_usage_error()
    {
        var r = CliProcess.Run("report", "--db", "/nonexistent/campaign.db");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("does not exist", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Report_of_a_database_without_a_campaign_says_so()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-cli-report-").FullName, "empty.db");
        using (var store = WasmPerfDiff.Store.CampaignStore.Open(db))
            store.RecordRuntime(new WasmPerfDiff.Runtimes.RuntimeRecord("rt", "e", "t", null, "rt {wasm}"));
        var r = CliProcess.Run("report", "--db", db, "--out", Path.ChangeExtension(db, ".html"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("holds no campaign", r.Stderr);
        Assert.False(File.Exists(Path.ChangeExtension(db, ".html")));
    }

    [Fact]
    public void Demo_runs_a_campaign_and_leaves_report_markdown_and_database_in_its_folder()
    {
        var corpus = Directory.CreateTempSubdirectory("perfdiff-demo-corpus-").FullName;
        foreach (var c in ReportCampaignFixture.Cases().Take(3))
            File.Copy(c.WasmPath, Path.Combine(corpus, c.Name + ".wasm"));
        var outDir = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-demo-").FullName, "demo");
        var r = CliProcess.Run("demo", "--corpus", corpus, "--runtime", "wasmtime-cranelift,wasmtime-winch", "--out", outDir, "--max-time", "2m");
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var section in new[] { "// * Runtimes *", "// * Top findings (execution) *", "// * Support matrix *", "// * Files *" })
            Assert.Contains(section, r.Stdout);
        Assert.Contains("wasmtime-winch", r.Stdout);
        Assert.Contains("demo completed: 3 cases × 2 runtimes", r.Stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "campaign.db")));
        Assert.Contains("<section id=\"findings\"", File.ReadAllText(Path.Combine(outDir, "report.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")));

        // The database is a real campaign the other verbs read: every cell got at least the demo's three runs.
        var model = WasmPerfDiff.Workflows.ReportAssembly.Build(Path.Combine(outDir, "campaign.db"), new ReportOptions());
        Assert.All(model.Support.Cells, c => Assert.True(c.OkRuns >= 3, $"{c.Case} @ {c.Runtime}: {c.OkRuns} runs"));
    }
}
