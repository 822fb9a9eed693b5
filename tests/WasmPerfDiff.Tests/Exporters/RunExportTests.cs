using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Campaigns;
using WasmPerfDiff.Exporters;

namespace WasmPerfDiff.Tests.Exporters;

public class RunExportTests
{
    [Fact]
    public async Task Csv_has_a_header_and_one_row_per_run_with_case_runtime_status_wall_and_phases()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var crash = new FakeRuntime("crash", (_, _) => FakeRuntime.Crash("crash"));
        await new CampaignScheduler(store, new CampaignSettings { Warmup = 0, MinRuns = 3, MaxRuns = 3, Seed = 1 }, null, FakeRuntime.Execute)
            .RunAsync(TestCases.Make(2), [new FakeRuntime("ok"), crash], resume: false);

        var w = new StringWriter();
        RunCsv.Write(w, store.ReadRows());
        var lines = w.ToString().TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        foreach (var col in new[] { "case", "runtime", "status", "wall_ms", "execute_ms", "max_rss_kb", "round" })
            Assert.Contains(col, header);
        Assert.Equal(store.CountRuns() + 1, lines.Length);
        Assert.Equal(2 * 3 + 2, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Equal(header.Length, l.Split(',').Length));
        var statusCol = Array.IndexOf(header, "status");
        Assert.Equal(2, lines.Skip(1).Count(l => l.Split(',')[statusCol] == "crash"));
    }

    [Fact]
    public void Markdown_summarises_each_cell_with_median_and_mad()
    {
        CaseRun Run(int round, double wall) => new("c", round, FakeRuntime.Ok("rt", wall));
        var w = new StringWriter();
        CellSummaryMarkdown.Write(w, [Run(1, 100), Run(2, 110), Run(3, 400)]);
        var row = w.ToString().Split('\n').Single(l => l.StartsWith("| c |"));
        // median of 100, 110, 400 is 110; deviations 10, 0, 290 → MAD 10.
        Assert.Equal("| c | rt | 3 | 110 | 10 | 109 | ok |", row);
    }

    [Fact]
    public void Csv_header_and_json_rows_take_their_phase_columns_from_the_phase_list()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-phases-").FullName, "campaign.db");
        File.Copy(Path.Combine(TestPaths.Fixtures, "golden", "campaign.db"), db);
        using var store = CampaignStore.OpenReadOnly(db);
        var csv = new StringWriter();
        RunCsv.Write(csv, store.ReadRows());
        var header = csv.ToString().Split('\n')[0].Split(',');
        var phaseStart = Array.IndexOf(header, Phases.Names[0]);
        Assert.Equal(Phases.Names, header.Skip(phaseStart).Take(Phases.Names.Count));

        var json = System.Text.Json.JsonSerializer.Serialize(WasmPerfDiff.Exporters.Documents.ExportJsonDocument.From(store.Campaigns(), store.ReadRows()), WireJson.Document);
        var firstRun = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("runs")[0];
        Assert.Equal(header, firstRun.EnumerateObject().Select(p => p.Name));
    }
}
