using WasmPerfDiff.Tests.Reporting;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>reduce refuses what it cannot reduce with one line and exit 2, before it measures anything or creates its folder.</summary>
public class ReduceBadInputTests(ReportCampaignFixture campaign) : IClassFixture<ReportCampaignFixture>
{
    private static string NewOut() => Path.Combine(Directory.CreateTempSubdirectory("perfdiff-reduce-").FullName, "out");

    private static void AssertOneLine(CliProcess.Result r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void A_module_without_start_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-reduce-").FullName;
        var wasm = Path.Combine(dir, "lib.wasm");
        File.WriteAllBytes(wasm, Wasmtime.Module.ConvertText("(module (func (export \"f\")))"));
        var outDir = NewOut();
        AssertOneLine(CliProcess.Run("reduce", "--wasm", wasm, "--runtime", "wasmtime-winch", "--peers", "wasmtime-cranelift", "-o", outDir), "_start");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void An_unknown_runtime_is_refused_before_the_folder_is_made()
    {
        var outDir = NewOut();
        AssertOneLine(CliProcess.Run("reduce", "--wasm", TestModules.Wat("hello"), "--runtime", "no-such-runtime", "--peers", "wasmtime-cranelift", "-o", outDir),
            "unknown runtime 'no-such-runtime'");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_missing_reducer_names_the_package_that_installs_it()
    {
        var r = CliProcess.RunWith(null, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["PATH"] = "/nonexistent" },
            "reduce", "--wasm", TestModules.Wat("hello"), "--runtime", "wasmtime-winch", "--peers", "wasmtime-cranelift", "-o", NewOut());
        AssertOneLine(r, "wasm-reduce not found on PATH (wasm-level reduction): apt-get install binaryen");
    }

    [Fact]
    public void An_unknown_case_of_a_campaign_is_refused() =>
        AssertOneLine(CliProcess.Run("reduce", "--db", campaign.Db, "--case", "no-such-case", "--runtime", campaign.Runtimes[0], "-o", NewOut()),
            "no case 'no-such-case'");

    [Fact]
    public void A_runtime_without_runs_in_the_campaign_is_refused() =>
        AssertOneLine(CliProcess.Run("reduce", "--db", campaign.Db, "--case", "hello", "--runtime", "wasm3-nowhere", "-o", NewOut()),
            "runtime 'wasm3-nowhere' has no runs");

    [Fact]
    public void A_cell_that_is_not_an_anomaly_is_refused()
    {
        // hello runs in a few ms everywhere: no runtime is out of line on it.
        var r = CliProcess.Run("reduce", "--db", campaign.Db, "--case", "hello", "--runtime", campaign.Runtimes[1], "-o", NewOut());
        AssertOneLine(r, "nothing to reduce");
    }

    [Fact]
    public void A_finding_rank_beyond_the_ranking_is_refused() =>
        AssertOneLine(CliProcess.Run("reduce", "--db", campaign.Db, "--finding", "999", "-o", NewOut()), "timing findings; pick 1 to");

    [Fact]
    public void A_constructs_database_that_does_not_exist_is_refused_before_the_folder_is_made()
    {
        var outDir = NewOut();
        AssertOneLine(CliProcess.Run("reduce", "--wasm", TestModules.Wat("hello"), "--runtime", "wasmtime-winch", "--peers", "wasmtime-cranelift",
            "--constructs", Path.Combine(Path.GetTempPath(), "no-such-constructs.db"), "-o", outDir), "constructs database");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_folder_that_holds_files_is_not_written_into()
    {
        var outDir = NewOut();
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "mine.txt"), "a user's file");
        AssertOneLine(CliProcess.Run("reduce", "--wasm", TestModules.Wat("hello"), "--runtime", "wasmtime-winch", "--peers", "wasmtime-cranelift", "-o", outDir),
            "is not empty");
        Assert.Equal("a user's file", File.ReadAllText(Path.Combine(outDir, "mine.txt")));
    }
}
