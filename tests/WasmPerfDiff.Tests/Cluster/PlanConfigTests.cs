using System.Diagnostics;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Cluster;

/// <summary>A plan made with a runtime config carries it: the shard job runs the config's runtimes on a node that has no config of its own.</summary>
public class PlanConfigTests
{
    [Fact]
    public async Task A_slurm_shard_runs_the_runtimes_of_the_config_the_plan_was_made_with()
    {
        var folder = Directory.CreateTempSubdirectory("perfdiff-planconfig-").FullName;
        var corpus = Directory.CreateDirectory(Path.Combine(folder, "corpus")).FullName;
        File.Copy(TestModules.Wat("hello"), Path.Combine(corpus, "hello.wasm"));
        var program = Path.Combine(folder, "cfg-runtime.sh");
        File.WriteAllText(program, "#!/bin/sh\necho hello\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = UserConfig.Write(new { name = "fromconfig", command = new[] { program, "{wasm}" }, probe = false });
        var plan = Path.Combine(folder, "plan");

        var r = CliProcess.Run("--config", config, "plan", "slurm", "--shards", "1", "--out", plan, "--corpus", corpus,
            "--runtime", "fromconfig", "--warmup", "0", "--min-runs", "2", "--max-runs", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllText(config), File.ReadAllText(Path.Combine(plan, "wasm-perfdiff-config.json")));

        // The task as Slurm would start it, in a bare environment with no config to find.
        var psi = new ProcessStartInfo("bash", [Path.Combine(plan, "shards.sbatch")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment.Clear();
        psi.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        psi.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME");
        psi.Environment["SLURM_ARRAY_TASK_ID"] = "1";
        using var task = Process.Start(psi)!;
        var stderr = task.StandardError.ReadToEndAsync();
        task.StandardOutput.ReadToEnd();
        Assert.True(task.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.True(task.ExitCode == 0, await stderr);

        using var store = CampaignStore.OpenExisting(Path.Combine(plan, "campaign.shard-1-of-1.db"));
        var runs = store.ReadCaseRuns();
        Assert.Equal(2, runs.Count(x => x.Result.Runtime == "fromconfig" && x.Result.Status == RunStatus.Ok));
    }
}
