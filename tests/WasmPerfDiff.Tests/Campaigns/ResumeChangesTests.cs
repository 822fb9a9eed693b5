using System.Text.Json;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary><c>run --resume</c> with options that differ from the stored campaign, and with a runtime that became available.</summary>
public class ResumeChangesTests
{
    [Fact]
    public void Resume_refuses_options_that_would_change_the_campaign_and_accepts_the_same_ones()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-resume-").FullName, "campaign.db");
        Assert.Equal(0, CliProcess.Run(SmallCampaign.RunArgs(db)).ExitCode);

        var changed = CliProcess.Run("run", "--resume", "--db", db, "--runtime", "wasmtime-winch", "--max-runs", "5");
        Assert.Equal(2, changed.ExitCode);
        var line = Assert.Single(changed.Stderr.Trim().Split('\n'));
        Assert.Contains("--runtime wasmtime-cranelift (not wasmtime-winch)", line);
        Assert.Contains("--max-runs 2 (not 5)", line);

        // A resubmitted cluster job passes its whole command line again: the same values are no change.
        var same = CliProcess.Run([.. SmallCampaign.RunArgs(db), "--resume"]);
        Assert.True(same.ExitCode == 0, same.Stderr);
        using var store = CampaignStore.OpenExisting(db);
        Assert.Equal(2, store.ReadCaseRuns().Count);
    }

    [Fact]
    public void Resume_retries_cells_that_were_unsupported_once_their_runtime_is_available()
    {
        var folder = Directory.CreateTempSubdirectory("perfdiff-retry-").FullName;
        File.Copy(TestModules.Wat("hello"), Path.Combine(folder, "hello.wasm"));
        var program = Path.Combine(folder, "late-runtime.sh"); // not there yet: the runtime is unavailable
        var config = UserConfig.Write(new { name = "late", command = new[] { program, "{wasm}" }, probe = false });
        var db = Path.Combine(folder, "campaign.db");
        string[] run = ["--config", config, "run", "--corpus", folder, "--db", db, "--runtime", "late", "--warmup", "0", "--min-runs", "2", "--max-runs", "2", "--json"];

        var first = CliProcess.Run(run);
        Assert.Equal(1, first.ExitCode);
        File.WriteAllText(program, "#!/bin/sh\necho hello\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var resumed = CliProcess.Run([.. run, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        var cell = JsonDocument.Parse(resumed.Stdout).RootElement.GetProperty("validation").GetProperty("cells").EnumerateArray().Single();
        Assert.Equal("ok", cell.GetProperty("status").GetString());
        using var store = CampaignStore.OpenExisting(db);
        var runs = store.ReadCaseRuns().OrderBy(r => r.Round).ToList();
        // The unsupported run stays stored (round 1); the retry adds rounds 2 and 3.
        Assert.Equal([RunStatus.Unsupported, RunStatus.Ok, RunStatus.Ok], runs.Select(r => r.Result.Status));
        Assert.Equal([1, 2, 3], runs.Select(r => r.Round));
    }
}
