using System.Security.Cryptography;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Campaigns;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Host;

/// <summary>
/// Issue 22, item 2 (and the file part of item 10): an output that is the same file as an input, by any name (the
/// path itself, a symlink, a hard link), or as another output, is refused in one line before anything is written.
/// On main, <c>report --db c.db --out c.db</c> replaced the campaign with its report and exited 0.
/// </summary>
public class OutputSameFileTests
{
    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static async Task<string> CampaignDb()
    {
        var db = TestCases.TempDb();
        using var store = CampaignStore.Open(db);
        await new CampaignScheduler(store, new CampaignSettings { Warmup = 0, MinRuns = 3, MaxRuns = 3, Seed = 1 }, null, FakeRuntime.Execute)
            .RunAsync(TestCases.Make(2), [new FakeRuntime("rt-a"), new FakeRuntime("rt-b")], resume: false);
        return db;
    }

    private static void Refused(string flag, string[] args)
    {
        var r = CliProcess.Run(args);
        Assert.True(r.ExitCode == 2, $"{string.Join(' ', args)}: exit {r.ExitCode}, {r.Stderr}");
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"wasm-perfdiff: {flag}: ", line);
        Assert.Contains("name another file", line);
    }

    [Fact]
    public async Task An_output_naming_the_campaign_database_by_any_path_is_refused_and_the_database_kept()
    {
        var db = await CampaignDb();
        var dir = Path.GetDirectoryName(db)!;
        var sha = Sha(db);
        var symlink = Path.Combine(dir, "via-symlink.db");
        File.CreateSymbolicLink(symlink, db);
        var hardlink = Path.Combine(dir, "via-hardlink.db");
        Assert.Equal(0, link(db, hardlink));

        Refused("--out", ["report", "--db", db, "--out", db]);
        Refused("--md", ["report", "--db", db, "--md", db]);
        Refused("--out", ["report", "--db", symlink, "--out", hardlink]);
        Refused("--out", ["export", "--db", db, "--format", "csv", "--out", db]);
        Refused("--out", ["export", "--db", hardlink, "--format", "json", "--out", symlink]);
        Refused("--db", ["import", "db", symlink, "--db", db]);

        Assert.Equal(sha, Sha(db));
        Assert.Equal(["campaign.db", "via-hardlink.db", "via-symlink.db"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Two_outputs_naming_one_file_are_refused_before_either_is_written()
    {
        var db = await CampaignDb();
        var dir = Path.GetDirectoryName(db)!;
        Refused("--md", ["report", "--db", db, "--out", Path.Combine(dir, "r.html"), "--md", Path.Combine(dir, "r.html")]);
        Refused("--md", ["report", "--db", db, "--out", Path.Combine(dir, "r.html"), "--md", Path.Combine(dir, ".", "r.html")]);
        Assert.False(File.Exists(Path.Combine(dir, "r.html")));

        var ok = CliProcess.Run("report", "--db", db, "--out", Path.Combine(dir, "r.html"), "--md", Path.Combine(dir, "r.md"));
        Assert.True(ok.ExitCode == 0, ok.Stderr);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int link(string existing, string newPath);
}
