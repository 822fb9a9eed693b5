using Microsoft.Data.Sqlite;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Campaigns;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Tests.Store;

public class CampaignStoreTests
{
    private static RunResult Full(string runtime) => new(
        runtime, RunStatus.ExitNonzero, 3, null, 123.456789, 100.5, 7.25, 40960, 1234, "ab12", 56, "cd34",
        new Phases(1.5, 2.5, 3.5, 100.25, 0.75, null), new DateTimeOffset(2026, 11, 27, 18, 0, 1, 123, TimeSpan.Zero).AddTicks(4567),
        "exit code 3 after 5 µs, with \"quotes\", commas\nand a newline");

    [Fact]
    public void A_run_reads_back_field_for_field()
    {
        var db = TestCases.TempDb();
        string id;
        var run = new CaseRun("case1", 1, Full("rt"));
        using (var store = CampaignStore.Open(db))
        {
            store.RecordCase(TestCases.Make(1)[0]);
            store.RecordRuntime(new RuntimeRecord("rt", "fake", "t", "1.0", "fake rt"));
            id = store.CreateLocalCampaign(new CampaignSettings { Seed = 5 }, 5).Id;
            store.Append(id, run);
        }
        using (var reopened = CampaignStore.OpenExisting(db))
        {
            Assert.Equal(run, Assert.Single(reopened.ReadCaseRuns()));
            var c = reopened.LocalCampaign()!;
            Assert.Equal(id, c.Id);
            Assert.Equal(5, CampaignSettings.FromJson(c.SettingsJson).Seed);
            Assert.Equal(Environment.ProcessorCount, c.Host.Cores);
            Assert.NotEmpty(c.Host.Kernel);
            Assert.Equal("1.0", Assert.Single(reopened.Runtimes()).Version);
            Assert.Equal(["7"], Assert.Single(reopened.Cases()).Args);
        }
    }

    [Fact]
    public void The_same_run_key_cannot_be_stored_twice()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        store.RecordCase(TestCases.Make(1)[0]);
        store.RecordRuntime(new RuntimeRecord("rt", "fake", "t", null, "fake"));
        var id = store.CreateLocalCampaign(new CampaignSettings(), 1).Id;
        store.Append(id, new CaseRun("case1", 1, Full("rt")));
        Assert.Throws<SqliteException>(() => store.Append(id, new CaseRun("case1", 1, Full("rt"))));
        Assert.Equal(1, store.CountRuns());
    }

    [Fact]
    public void The_file_uses_a_write_ahead_log()
    {
        var db = TestCases.TempDb();
        using (CampaignStore.Open(db)) { }
        using var conn = new SqliteConnection($"Data Source={db};Pooling=False");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public void A_second_campaign_in_the_same_file_is_refused()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        store.CreateLocalCampaign(new CampaignSettings(), 1);
        var e = Assert.Throws<BadInputException>(() => store.CreateLocalCampaign(new CampaignSettings(), 2));
        Assert.Contains("--resume", e.Message);
    }

    [Fact]
    public void A_case_whose_module_changed_is_refused()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var c = TestCases.Make(1)[0];
        store.RecordCase(c);
        Assert.Throws<BadInputException>(() => store.RecordCase(c with { WasmSha256 = "other" }));
    }
}

public class CampaignStoreBatchTests
{
    [Fact]
    public void A_batch_naming_an_unknown_case_is_refused_and_stores_nothing()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        store.RecordCase(TestCases.Make(1)[0]);
        store.RecordRuntime(new RuntimeRecord("rt", "fake", "t", null, "fake"));
        var id = store.CreateLocalCampaign(new CampaignSettings(), 1).Id;
        var good = new CaseRun("case1", 1, FakeRuntime.Ok("rt", 10));
        var bad = new CaseRun("nope", 1, FakeRuntime.Ok("rt", 10));
        Assert.Throws<InvalidOperationException>(() => store.AppendBatch(id, [good, bad]));
        Assert.Equal(0, store.CountRuns());
        Assert.Equal(1, store.AppendBatch(id, [good, good]));
    }
}
