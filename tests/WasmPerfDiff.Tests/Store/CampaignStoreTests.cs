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
        using (var store = CampaignStore.Open(db)) store.CreateLocalCampaign(new CampaignSettings(), 1);
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

/// <summary>Databases as files: readers never alter them, one writer at a time, nothing left by a writer that stored nothing.</summary>
public class StoreFileTests
{
    private static string Seeded()
    {
        var db = TestCases.TempDb();
        using var store = CampaignStore.Open(db);
        store.RecordCase(TestCases.Make(1)[0]);
        store.RecordRuntime(new RuntimeRecord("rt", "fake", "t", null, "fake"));
        var id = store.CreateLocalCampaign(new CampaignSettings(), 1).Id;
        store.Append(id, new CaseRun("case1", 1, FakeRuntime.Ok("rt", 10)));
        return db;
    }

    private static string Hash(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void A_reader_leaves_the_file_byte_for_byte_as_it_was_and_adds_no_files()
    {
        var db = Seeded();
        var before = Hash(db);
        var files = Directory.GetFiles(Path.GetDirectoryName(db)!).Order().ToList();
        using (var reader = CampaignStore.OpenReadOnly(db))
            Assert.Single(reader.ReadRows());
        Assert.Equal(before, Hash(db));
        Assert.Equal(files, Directory.GetFiles(Path.GetDirectoryName(db)!).Order().ToList());
    }

    [Fact]
    public void A_foreign_sqlite_file_is_refused_by_readers_and_writers_and_left_unchanged()
    {
        var db = TestCases.TempDb();
        using (var conn = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "CREATE TABLE run(a, b); CREATE TABLE campaign(x);";
            cmd.ExecuteNonQuery();
        }
        var before = Hash(db);
        Assert.Contains("not a wasm-perfdiff campaign database", Assert.Throws<BadInputException>(() => CampaignStore.OpenReadOnly(db)).Message);
        Assert.Contains("not a wasm-perfdiff campaign database", Assert.Throws<BadInputException>(() => CampaignStore.Open(db)).Message);
        Assert.Equal(before, Hash(db));
    }

    [Fact]
    public void A_newer_schema_version_is_refused_with_its_number()
    {
        var db = Seeded();
        using (var conn = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }
        Assert.Contains("version 99", Assert.Throws<BadInputException>(() => CampaignStore.OpenReadOnly(db)).Message);
        Assert.Contains("version 99", Assert.Throws<BadInputException>(() => CampaignStore.Open(db)).Message);
    }

    [Fact]
    public void A_damaged_page_is_reported_as_damage()
    {
        var db = Seeded();
        var bytes = File.ReadAllBytes(db);
        for (var i = 4096; i < Math.Min(bytes.Length, 4096 + 300); i++) bytes[i] ^= 0x5a;
        File.WriteAllBytes(db, bytes);
        var e = Assert.ThrowsAny<BadInputException>(() => { using var s = CampaignStore.OpenReadOnly(db); s.ReadRows(); });
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public void A_second_writer_is_refused_while_the_first_holds_the_file_and_admitted_after()
    {
        var db = Seeded();
        using (CampaignStore.Open(db))
        {
            Assert.Contains("another wasm-perfdiff process", Assert.Throws<BadInputException>(() => CampaignStore.Open(db)).Message);
            using var reader = CampaignStore.OpenReadOnly(db); // readers are not locked out
            Assert.Single(reader.ReadRows());
        }
        using (CampaignStore.Open(db)) { }
    }

    [Fact]
    public void A_fresh_store_empties_an_old_campaign_but_never_one_another_writer_holds()
    {
        var db = Seeded();
        using (CampaignStore.Open(db))
        {
            // The demo's fresh start is refused while the file is being written, and the campaign stays whole.
            Assert.Contains("another wasm-perfdiff process", Assert.Throws<BadInputException>(() => CampaignStore.OpenFresh(db)).Message);
        }
        using (var reader = CampaignStore.OpenReadOnly(db)) Assert.Single(reader.ReadRows());
        using (var fresh = CampaignStore.OpenFresh(db))
        {
            Assert.Empty(fresh.ReadRows());
            Assert.Null(fresh.LocalCampaign());
        }
    }

    [Fact]
    public void A_writer_that_stored_nothing_leaves_no_file()
    {
        var db = TestCases.TempDb();
        using (CampaignStore.Open(db)) { }
        Assert.False(File.Exists(db));
    }
}
