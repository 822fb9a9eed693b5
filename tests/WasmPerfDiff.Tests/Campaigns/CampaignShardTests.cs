using System.Collections;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary>Shards: which shard a job is, which cases it runs, and where it writes.</summary>
public sealed class CampaignShardTests
{
    [Fact]
    public void Shards_cover_every_case_once_and_balance_by_cost_not_count()
    {
        var costs = new Dictionary<string, double> { ["big"] = 100, ["a"] = 10, ["b"] = 10, ["c"] = 10, ["d"] = 10, ["e"] = 10, ["f"] = 10, ["g"] = 10 };
        var shards = ShardBalancer.Partition(costs, 3);
        Assert.Equal(costs.Keys.Order(), shards.SelectMany(s => s).Order());
        Assert.Equal(["big"], shards[0]);                       // the expensive case alone: 100 vs 40 + 30
        Assert.Equal(ShardBalancer.Partition(costs.Reverse().ToDictionary(), 3), shards); // the same on every machine
    }

    [Fact]
    public void The_shard_comes_from_the_option_else_slurm_else_kubernetes()
    {
        Assert.Equal(new CampaignShard(3, 8), CampaignShard.Resolve("3/8", null, new Hashtable()));
        var slurm = new Hashtable { ["SLURM_ARRAY_TASK_ID"] = "0", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_COUNT"] = "4" };
        Assert.Equal(new CampaignShard(1, 4), CampaignShard.Resolve(null, null, slurm));
        Assert.Equal(new CampaignShard(2, 4), CampaignShard.Resolve("2/4", null, slurm));
        Assert.Equal(new CampaignShard(3, 4), CampaignShard.Resolve(null, null,
            new Hashtable { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "4" }));
        Assert.Throws<BadInputException>(() => CampaignShard.Resolve(null, null,   // task 3 resubmitted alone: count 1
            new Hashtable { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "1" }));
        Assert.Equal(new CampaignShard(5, 6), CampaignShard.Resolve(null, 6, new Hashtable { ["JOB_COMPLETION_INDEX"] = "4" }));
        Assert.Equal(new CampaignShard(5, 6), CampaignShard.Resolve(null, null,
            new Hashtable { ["JOB_COMPLETION_INDEX"] = "4", [CampaignShard.CountVariable] = "6" }));
        Assert.Null(CampaignShard.Resolve(null, null, new Hashtable()));
        Assert.Throws<BadInputException>(() => CampaignShard.Resolve("0/4", null, new Hashtable()));
        Assert.Throws<BadInputException>(() => CampaignShard.Resolve("5/4", null, new Hashtable()));
        Assert.Throws<BadInputException>(() => CampaignShard.Resolve(null, null, new Hashtable { ["JOB_COMPLETION_INDEX"] = "1" }));
    }

    [Fact]
    public void Each_shard_writes_its_own_database_named_by_its_index()
    {
        Assert.Equal(Path.Combine("out", "campaign.shard-3-of-8.db"), new CampaignShard(3, 8).DatabaseFor(Path.Combine("out", "campaign.db")));
        Assert.Equal("x.shard-1-of-2.db", new CampaignShard(1, 2).DatabaseFor("x"));
    }

    [Fact]
    public void Manifest_costs_give_every_project_case_a_positive_cost()
    {
        var settings = new CampaignSettings { Size = "test", CasesGlob = "fib,sieve,nbody", Runtimes = ["a", "b", "c"] };
        var costs = CampaignCases.ExpectedCosts(settings, 3);
        Assert.Equal(["fib", "nbody", "sieve"], costs.Keys.Order());
        Assert.All(costs.Values, v => Assert.True(v > 0));
        var shard = ShardBalancer.Choose(new CampaignShard(2, 3), costs, "manifest");
        var cases = CampaignCases.For(settings with { Shard = shard });
        Assert.Equal(shard.Cases, cases.Select(c => c.Name));
    }
}

/// <summary><c>run --shard</c> on real runtimes: the database the user names, and a resume that adds no run twice.</summary>
public sealed class ShardedRunCliTests
{
    private static readonly string[] Campaign = ["--cases", "fib,sieve,nbody", "--size", "test", "--runtime", "wasmtime-winch,wasmtime-cranelift",
        "--warmup", "0", "--min-runs", "2", "--max-runs", "2"];

    [Fact]
    public void A_shard_runs_its_cases_into_the_database_named_and_a_resume_adds_nothing_twice()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-shard-").FullName;
        var db = Path.Combine(dir, "s2.db");
        var first = Support.CliProcess.Run(["run", "--db", db, "--shard", "2/2", .. Campaign]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(["s2.db"], Directory.GetFiles(dir).Select(Path.GetFileName)); // the file named, nothing beside it

        long Runs() { using var s = WasmPerfDiff.Store.CampaignStore.OpenExisting(db); return s.CountRuns(); }
        var runs = Runs();
        var again = Support.CliProcess.Run(["run", "--resume", "--db", db, "--shard", "2/2"]);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(runs, Runs());

        var wrong = Support.CliProcess.Run(["run", "--resume", "--db", db, "--shard", "1/2"]);
        Assert.Equal(2, wrong.ExitCode);

        // Shard 1 takes the other cases: together they cover the campaign once.
        using (var store = WasmPerfDiff.Store.CampaignStore.OpenExisting(db))
        {
            var mine = store.ReadCaseRuns().Select(r => r.Case).Distinct().ToList();
            var settings = CampaignSettings.FromJson(store.LocalCampaign()!.SettingsJson);
            Assert.Equal(settings.Shard!.Cases!.Order(), mine.Order());
            Assert.Equal(2 * 2 * mine.Count, runs);
        }

        // The script of the issue: the shard's file merges under the name it was given.
        var merged = Support.CliProcess.Run(["import", "db", db, "--db", Path.Combine(dir, "merged.db")]);
        Assert.True(merged.ExitCode == 0, merged.Stderr);
    }

    [Fact]
    public void Without_db_a_shard_writes_the_default_name_with_its_shard()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-shard-default-").FullName;
        var run = Support.CliProcess.RunIn(dir, TimeSpan.FromMinutes(5), ["run", "--shard", "1/2", .. Campaign]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(Path.Combine(dir, "campaign.shard-1-of-2.db")), string.Join(", ", Directory.GetFiles(dir)));
        Assert.False(File.Exists(Path.Combine(dir, "campaign.db")));
    }

    [Fact]
    public void A_missing_shard_file_is_named_as_the_argument_not_as_db()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-import-missing-").FullName;
        var r = Support.CliProcess.Run("import", "db", Path.Combine(dir, "s1.db"), "--db", Path.Combine(dir, "merged.db"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("wasm-perfdiff: <other>: campaign database", r.Stderr.Trim());
        Assert.Contains("s1.db' does not exist", r.Stderr);
        Assert.DoesNotContain("--db", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "merged.db"))); // nothing created for a merge that cannot start
    }
}
