using System.Diagnostics;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Cluster;

namespace WasmPerfDiff.Tests.Cluster;

/// <summary>The scripts <c>plan</c> writes: valid for their shell or format, whatever the paths hold.</summary>
public sealed class ClusterPlanTests
{
    /// <summary>A plan of 3 shards, 2 at a time, whose tool path needs quoting (also used by <see cref="KubernetesPlanTests"/>).</summary>
    internal static ClusterPlanRequest Request(string dir) => new()
    {
        Shards = 3, OutputDirectory = dir, Concurrency = 2,
        Tool = ["/opt/my tools/dotnet", "/opt/it's here/wasm-perfdiff.dll"],
        Settings = new CampaignSettings { CasesGlob = "fib,sieve,nbody,fannkuch", Size = "test", Runtimes = ["wasmtime-winch", "wasmtime-cranelift"] },
    };

    [Fact]
    public void Slurm_scripts_are_valid_bash_and_ask_for_an_array_with_a_limit()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-plan-").FullName, "a $dir with 'quotes'");
        var result = SlurmPlan.Write(Request(dir));
        foreach (var f in result.Files)
        {
            var check = Process.Start(new ProcessStartInfo("bash", ["-n", f]) { RedirectStandardError = true })!;
            var err = check.StandardError.ReadToEnd();
            check.WaitForExit();
            Assert.True(check.ExitCode == 0, $"{Path.GetFileName(f)}: {err}");
        }
        var shards = File.ReadAllText(Path.Combine(dir, SlurmPlan.ShardScript));
        Assert.Contains("#SBATCH --array=1-3%2\n", shards);
        Assert.Contains("#SBATCH --exclusive\n", shards);
        Assert.Contains("#SBATCH --time=0-00:10:00\n", shards);
        Assert.Contains("'/opt/it'\\''s here/wasm-perfdiff.dll'", shards);
        Assert.Contains("--dependency=afterok:", File.ReadAllText(result.SubmitScript));
        Assert.Equal(4, result.Shards.Sum(s => s.Cases.Count));
    }

    [Fact]
    public void The_time_limit_grows_with_the_heaviest_shard()
    {
        var small = ClusterPlan.TimeLimit([new ShardEstimate(1, ["a"], TimeSpan.FromMinutes(1))], 3);
        var large = ClusterPlan.TimeLimit([new ShardEstimate(1, ["a"], TimeSpan.FromMinutes(1)), new ShardEstimate(2, ["b"], TimeSpan.FromHours(2))], 3);
        Assert.Equal(ClusterPlan.MinimumTimeLimit, small);
        Assert.Equal(TimeSpan.FromHours(6), large);
        Assert.Equal("1-02:03:00", ClusterPlan.SlurmTime(new TimeSpan(1, 2, 3, 0)));
    }

    [Fact]
    public void Kubernetes_manifests_quote_every_string()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-plan-").FullName;
        KubernetesPlan.Write(Request(dir) with { Image = "registry/x:1 # not a comment" });
        var yaml = File.ReadAllText(Path.Combine(dir, KubernetesPlan.ShardManifest));
        Assert.Contains("completionMode: Indexed", yaml);
        Assert.Contains("image: \"registry/x:1 # not a comment\"", yaml);
        Assert.Contains($"name: \"{CampaignShard.CountVariable}\"\n          value: \"3\"", yaml);
        Assert.DoesNotContain("\t", yaml);
    }
}
