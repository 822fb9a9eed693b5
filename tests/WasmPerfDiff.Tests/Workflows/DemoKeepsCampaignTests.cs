using System.Security.Cryptography;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Workflows;

/// <summary>
/// Issue 22, item 3: <c>demo --out DIR</c> refuses to replace a campaign already in DIR/campaign.db (one line naming
/// it, exit 2, the database byte for byte as it was) unless given <c>--force</c>. On main it emptied it silently.
/// </summary>
public class DemoKeepsCampaignTests
{
    private static readonly string[] Demo = ["demo", "--max-time", "30s", "--size", "test", "--cases", "fib", "-r", "wasmtime-cranelift", "--seed", "1"];

    [Fact]
    public void A_second_demo_into_the_same_folder_is_refused_unless_forced()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-demo-keep-").FullName;
        var first = CliProcess.Run([.. Demo, "--out", dir]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var db = Path.Combine(dir, "campaign.db");
        var sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(db)));

        var again = CliProcess.Run([.. Demo, "--out", dir]);
        Assert.Equal(2, again.ExitCode);
        var line = Assert.Single(again.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("holds campaign", line);
        Assert.Contains("--force", line);
        Assert.Equal(sha, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(db))));

        var forced = CliProcess.Run([.. Demo, "--out", dir, "--force"]);
        Assert.True(forced.ExitCode == 0, forced.Stderr);
    }

    [Fact]
    public void A_file_named_campaign_db_that_is_not_a_campaign_is_not_emptied_either()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-demo-foreign-").FullName;
        var db = Path.Combine(dir, "campaign.db");
        File.WriteAllText(db, "my notes, not a database");
        var r = CliProcess.Run([.. Demo, "--out", dir]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--force", r.Stderr);
        Assert.Equal("my notes, not a database", File.ReadAllText(db));
    }
}
