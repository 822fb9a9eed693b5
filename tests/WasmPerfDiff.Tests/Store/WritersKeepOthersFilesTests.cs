using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Campaigns;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Store;

/// <summary>
/// Issue 22, item 1: a writer given a FIFO, a device node or an existing empty file as its database leaves it there,
/// unchanged; it removes only a file it created itself. (On main, <c>run --resume --db /dev/null</c> as root removed
/// the machine's /dev/null.)
/// </summary>
public class WritersKeepOthersFilesTests
{
    private static async Task<string> CampaignDb()
    {
        var db = TestCases.TempDb();
        using var store = CampaignStore.Open(db);
        await new CampaignScheduler(store, new CampaignSettings { Warmup = 0, MinRuns = 2, MaxRuns = 2, Seed = 1 }, null, FakeRuntime.Execute)
            .RunAsync(TestCases.Make(2), [new FakeRuntime("rt-a")], resume: false);
        return db;
    }

    /// <summary>Every writer verb, pointed at <paramref name="path"/>, refuses in one line (exit 2) and leaves it as it was.</summary>
    private static async Task AssertWritersLeave(SpecialFiles files, string path, bool importFills)
    {
        var shard = await CampaignDb();
        foreach (var args in new[]
        {
            new[] { "run", "--resume", "--db", path },
            ["run", "--db", path, "--cases", "no-such-case-*"],
            ["import", "db", shard, "--db", path],
        })
        {
            if (importFills && args[0] == "import") continue;
            var r = CliProcess.RunIn(null, TimeSpan.FromMinutes(2), args);
            Assert.True(r.ExitCode == 2, $"{string.Join(' ', args)}: exit {r.ExitCode} {r.Stderr}");
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            files.AssertUnchanged(path);
            Assert.False(File.Exists(path + "-journal") || File.Exists(path + "-wal"), "a journal file was left beside it");
        }
    }

    [Fact]
    public async Task Writers_leave_a_fifo_and_an_existing_empty_file_there_and_unchanged()
    {
        var files = new SpecialFiles();
        await AssertWritersLeave(files, files.Fifo, importFills: false);
        await AssertWritersLeave(files, files.Empty, importFills: true);
        var r = CliProcess.Run("run", "--db", files.Fifo);
        Assert.Contains("FIFO", r.Stderr);
    }

    [RequiresRootFact]
    public async Task Writers_leave_a_device_node_there_and_unchanged()
    {
        var files = new SpecialFiles();
        await AssertWritersLeave(files, files.Device!, importFills: false);
        Assert.Contains("character device", CliProcess.Run("run", "--resume", "--db", files.Device!).Stderr);
    }

    [Fact]
    public async Task Importing_into_an_existing_empty_file_fills_that_very_file()
    {
        var files = new SpecialFiles();
        var before = WasmPerfDiff.Host.FileFacts.Of(files.Empty)!.Value;
        var r = CliProcess.Run("import", "db", await CampaignDb(), "--db", files.Empty);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var after = WasmPerfDiff.Host.FileFacts.Of(files.Empty)!.Value;
        Assert.True(after.IsSameFile(before), "the empty file was replaced by another one");
        using var store = CampaignStore.OpenReadOnly(files.Empty);
        Assert.Equal(4, store.CountRuns());
    }

    [Fact]
    public void A_writer_that_stored_nothing_removes_the_file_it_created_but_not_one_that_took_its_name()
    {
        var db = TestCases.TempDb();
        using (CampaignStore.Open(db)) { }
        Assert.False(File.Exists(db)); // created here, nothing stored: gone again

        var store = CampaignStore.Open(db);
        // Another program puts its own file at the name while the writer holds it.
        var moved = db + ".moved";
        File.Move(db, moved);
        File.WriteAllText(db, "someone else's");
        store.Dispose();
        Assert.Equal("someone else's", File.ReadAllText(db));
    }
}
