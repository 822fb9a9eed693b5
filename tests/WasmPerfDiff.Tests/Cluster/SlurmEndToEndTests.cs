using System.Diagnostics;
using System.Text.RegularExpressions;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Cluster;

/// <summary>
/// A fact that needs a Slurm cluster answering <c>sinfo</c> (scripts/slurm-local.sh starts one on 127.0.0.1).
/// Skipped with the reason when none answers, unless WASM_PERFDIFF_REQUIRE_SLURM=1 (set by .ci/run, which starts
/// the cluster), when the test runs and fails instead.
/// </summary>
public sealed class RequiresSlurmFactAttribute : FactAttribute
{
    public const string RequireVariable = "WASM_PERFDIFF_REQUIRE_SLURM";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        try
        {
            var r = SlurmEndToEndTests.Command(TimeSpan.FromSeconds(15), "sinfo", "-h");
            return r.ExitCode == 0 ? null : $"no Slurm cluster answers (sinfo: {r.Output.Trim()}); start one with scripts/slurm-local.sh start";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "sinfo is not installed: no Slurm cluster (scripts/slurm-local.sh start installs and starts one)";
        }
    });

    public RequiresSlurmFactAttribute()
    {
        if (Missing.Value is { } reason && Environment.GetEnvironmentVariable(RequireVariable) != "1") Skip = reason;
    }
}

/// <summary>
/// The whole cluster path on a real Slurm: <c>plan slurm</c> of 4 shards × 3 embedded Wasmtime tiers, <c>submit.sh</c>,
/// the job array and the merge job, then the merged database compared with a single-machine campaign of the same plan.
/// </summary>
public sealed partial class SlurmEndToEndTests
{
    private static readonly string[] Campaign =
    [
        "--cases", "fib,sieve,nbody,fannkuch", "--size", "test",
        "--runtime", "wasmtime-cranelift,wasmtime-winch,wasmtime-cranelift-o0",
        "--warmup", "0", "--min-runs", "2", "--max-runs", "2",
    ];

    [GeneratedRegex(@"shards=(?<shards>\d+) merge=(?<merge>\d+)")]
    private static partial Regex JobIds();

    [RequiresSlurmFact]
    public void A_job_array_of_shards_merges_into_the_same_cells_as_one_machine()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-slurm e2e-").FullName; // a space: the scripts must quote
        var plan = CliProcess.Run(["plan", "slurm", "--shards", "4", "--out", Path.Combine(dir, "plan"), "--concurrency", "2", .. Campaign]);
        Assert.True(plan.ExitCode == 0, plan.Stderr);

        var submit = Command(TimeSpan.FromSeconds(60), Path.Combine(dir, "plan", "submit.sh"));
        Assert.True(submit.ExitCode == 0, submit.Output);
        var ids = JobIds().Match(submit.Output);
        Assert.True(ids.Success, "submit.sh printed no job ids: " + submit.Output);

        // The single-machine campaign runs while the cluster works (one node: the numbers are not compared, the cells are).
        var single = Path.Combine(dir, "single.db");
        var run = CliProcess.Run(["run", "--db", single, .. Campaign]);
        Assert.True(run.ExitCode == 0, run.Stderr);

        var state = WaitForJob(ids.Groups["merge"].Value, TimeSpan.FromMinutes(8));
        var logs = string.Join('\n', Directory.EnumerateFiles(Path.Combine(dir, "plan", "logs")).Order()
            .Select(f => $"--- {Path.GetFileName(f)}\n{Tail(f)}"));
        Assert.True(state == "COMPLETED", $"merge job {ids.Groups["merge"].Value} ended {state}\n{logs}");

        var merged = Path.Combine(dir, "plan", "campaign.db");
        Assert.True(File.Exists(Path.Combine(dir, "plan", "report.html")), "the merge job wrote no report\n" + logs);
        Assert.Equal(Cells(single), Cells(merged));

        // The report says which shard (host) ran which cases.
        var md = File.ReadAllText(Path.Combine(dir, "plan", "report.md"));
        Assert.Contains("### Hosts", md);
        for (var i = 1; i <= 4; i++) Assert.Contains($"| {i}/4 | {Environment.MachineName} |", md);

        // Every case was measured on one shard (one campaign), with all its runtimes.
        using var store = CampaignStore.OpenExisting(merged);
        Assert.Equal(4, store.Campaigns().Count);
        Assert.All(store.ReadRows().GroupBy(r => r.Run.Case), g => Assert.Single(g.Select(r => r.CampaignId).Distinct()));
    }

    private static SortedDictionary<string, int> Cells(string database)
    {
        using var store = CampaignStore.OpenExisting(database);
        return new SortedDictionary<string, int>(store.ReadCaseRuns()
            .GroupBy(r => $"{r.Case} @ {r.Result.Runtime}")
            .ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
    }

    private static string WaitForJob(string id, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var state = "unknown";
        while (watch.Elapsed < limit)
        {
            var r = Command(TimeSpan.FromSeconds(15), "scontrol", "show", "job", id, "-o");
            var m = Regex.Match(r.Output, @"JobState=(\S+)");
            state = m.Success ? m.Groups[1].Value : "gone";
            if (state is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL" or "OUT_OF_MEMORY" or "gone") return state;
            if (r.Output.Contains("DependencyNeverSatisfied", StringComparison.Ordinal)) return "never started: a shard failed";
            Thread.Sleep(1000);
        }
        return $"{state} after {limit.TotalMinutes} min";
    }

    private static string Tail(string file)
    {
        var lines = File.ReadAllLines(file);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 15)));
    }

    internal static (int ExitCode, string Output) Command(TimeSpan limit, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            return (-1, $"{file} did not finish within {limit.TotalSeconds} s");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
