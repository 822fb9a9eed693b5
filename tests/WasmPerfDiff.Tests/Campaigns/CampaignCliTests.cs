using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary>
/// The <c>run</c> verb end to end: the real CLI as a child process, real Wasmtime tiers, real
/// SQLite files; killed with SIGKILL and resumed.
/// </summary>
public class CampaignCliTests
{
    private static readonly string[] WasmtimeTiers = ["wasmtime-cranelift", "wasmtime-cranelift-o0", "wasmtime-winch", "wasmtime-pulley"];

    /// <summary>A foreign corpus: <paramref name="count"/> copies of hello.wat with .args sidecars.</summary>
    private static string Corpus(int count)
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-corpus-").FullName;
        var hello = TestModules.Wat("hello");
        for (var i = 1; i <= count; i++)
        {
            File.Copy(hello, Path.Combine(dir, $"hello{i}.wasm"));
            File.WriteAllText(Path.Combine(dir, $"hello{i}.args"), $"{i}\n");
        }
        return dir;
    }

    /// <summary>Five cases of the project corpus, quick at the test size.</summary>
    private const string FiveCases = "fib,towers,queens,nbody,fasta";

    private static string[] RunArgs(string db, params string[] extra) =>
    [
        "run", "--corpus", Path.Combine(TestPaths.RepoRoot, "corpus"), "--cases", FiveCases, "--size", "test", "--db", db,
        "--runtime", string.Join(',', WasmtimeTiers), "--warmup", "0", "--min-runs", "3", "--max-runs", "3", "--seed", "11", .. extra,
    ];

    private static long CountRows(string db) => SmallCampaign.StoredRuns(db);

    [Fact]
    public async Task Five_corpus_cases_on_four_wasmtime_tiers_killed_at_five_random_points_and_resumed_end_with_exactly_60_ok_rows()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-kill-").FullName, "campaign.db");
        var rng = new Random();
        const int Expected = 5 * 4 * 3;
        // Kill points: when the store holds a random number of rows (strictly increasing, so each
        // session makes progress), plus a random delay so the kill lands somewhere inside a run.
        var targets = Enumerable.Range(0, 5).Select(_ => rng.Next(1, Expected - 5)).Distinct().Order().ToList();
        while (targets.Count < 5) targets = [.. targets, targets[^1] + 1];

        var kills = 0;
        foreach (var target in targets)
        {
            var args = kills == 0 ? RunArgs(db) : ["run", "--resume", "--db", db];
            var stderr = new System.Text.StringBuilder();
            using var p = StartCli(args, stderr);
            _ = p.StandardOutput.ReadToEndAsync(); // drained, never read: a killed campaign prints nothing useful
            var clock = Stopwatch.StartNew();
            while (!p.HasExited && File.Exists(db) && CountRows(db) < target || !p.HasExited && !File.Exists(db))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "campaign made no progress");
                await Task.Delay(20);
            }
            await Task.Delay(rng.Next(0, 150));
            if (p.HasExited) Assert.Fail($"campaign ended before kill point {target}: exit {p.ExitCode}, {stderr}");
            p.Kill(); // SIGKILL on Linux: no chance to clean up
            await p.WaitForExitAsync();
            kills++;
            Assert.InRange(CountRows(db), target, Expected - 1);
        }

        var final = CliProcess.Run("run", "--resume", "--db", db, "--json");
        Assert.True(final.ExitCode == 0, final.Stderr);
        var doc = JsonDocument.Parse(final.Stdout).RootElement;
        Assert.Equal("completed", doc.GetProperty("end").GetString());

        using var store = CampaignStore.OpenExisting(db);
        var runs = store.ReadCaseRuns();
        Assert.Equal(5, kills);
        Assert.Equal(Expected, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Ok, r.Result.Status)); // ok includes: stdout = the corpus's expected hash
        Assert.Equal(5, runs.Select(r => r.Case).Distinct().Count());
        Assert.Equal(WasmtimeTiers.Order(), runs.Select(r => r.Result.Runtime).Distinct().Order());
        Assert.Equal(Expected, runs.Select(r => (r.Case, r.Result.Runtime, r.Round)).Distinct().Count());
        Assert.All(runs.GroupBy(r => (r.Case, r.Result.Runtime)), g => Assert.Equal([1, 2, 3], g.Select(r => r.Round).Order()));
        Assert.Single(store.Campaigns());

        var csv = CliProcess.Run("export", "--db", db, "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(Expected + 1, lines.Length);
        Assert.StartsWith("campaign,case,runtime,round,started,status", lines[0]);
    }

    [Fact]
    public void A_runtime_that_starts_crashing_mid_campaign_is_classified_and_the_campaign_completes()
    {
        var corpus = Corpus(3);
        var db = Path.Combine(corpus, "campaign.db");
        var config = UserConfig.Write(new
        {
            name = "crashy",
            command = new[] { Path.Combine(TestPaths.Fixtures, "campaign", "crash-from-third-call.sh"), "{wasm}" },
            probe = false, // a fake: it cannot run the hello probe module
        });
        var r = CliProcess.Run("--config", config, "run", "--corpus", corpus, "--db", db, "--runtime", "wasmtime-cranelift,crashy",
            "--warmup", "0", "--min-runs", "2", "--max-runs", "2", "--seed", "3", "--json");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Stderr}"); // finished, but with failed cells
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("completed", doc.GetProperty("end").GetString());
        var cells = doc.GetProperty("validation").GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(3, cells.Count(c => c.GetProperty("runtime").GetString() == "crashy" && c.GetProperty("status").GetString() == "crash"));
        Assert.Equal(3, cells.Count(c => c.GetProperty("runtime").GetString() == "wasmtime-cranelift" && c.GetProperty("status").GetString() == "ok"));

        using var store = CampaignStore.OpenExisting(db);
        var runs = store.ReadCaseRuns();
        Assert.Equal(6, runs.Count(x => x.Result.Runtime == "wasmtime-cranelift" && x.Result.Status == RunStatus.Ok));
        var crashy = runs.Where(x => x.Result.Runtime == "crashy").ToList();
        // Two calls succeed (two cells in round 1), then every cell crashes once and is not run again.
        Assert.Equal(2, crashy.Count(x => x.Result.Status == RunStatus.Ok));
        Assert.Equal(3, crashy.Count(x => x.Result.Status == RunStatus.Crash));
        Assert.All(crashy.Where(x => x.Result.Status == RunStatus.Crash), x => Assert.Equal(11, x.Result.Signal));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private const int Sigterm = 15;

    [Fact]
    public async Task Sigterm_cancels_the_run_in_flight_reports_and_the_campaign_resumes_to_the_full_count()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-term-").FullName, "campaign.db");
        var stderr = new System.Text.StringBuilder();
        using var p = StartCli(["run", "--corpus", Path.Combine(TestPaths.RepoRoot, "corpus"), "--cases", "fib,towers", "--size", "test",
            "--db", db, "--runtime", "wasmtime-cranelift", "--warmup", "0", "--min-runs", "8", "--max-runs", "8", "--seed", "5"], stderr);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!p.HasExited && (!File.Exists(db) || CountRows(db) < 3))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "campaign made no progress");
            await Task.Delay(20);
        }
        if (p.HasExited) Assert.Fail($"campaign ended before the signal: {stderr}");
        Assert.Equal(0, kill(p.Id, Sigterm));
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(15)), "the campaign did not stop on SIGTERM");
        Assert.Equal(1, p.ExitCode);   // stopped early: not a finished campaign
        Assert.Contains("cancelled", await stdout);
        var stored = CountRows(db);
        Assert.InRange(stored, 3, 15);

        var resumed = CliProcess.Run("run", "--resume", "--db", db);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(16, CountRows(db));
    }

    [Fact]
    public void Bad_input_exits_2_with_one_line()
    {
        var missing = CliProcess.Run("export", "--db", "/nonexistent/campaign.db", "--format", "csv");
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.Stderr.Trim().Split('\n'));

        var noCampaign = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-empty-").FullName, "c.db");
        var resume = CliProcess.Run("run", "--resume", "--db", noCampaign);
        Assert.Equal(2, resume.ExitCode);
    }

    private static Process StartCli(string[] args, System.Text.StringBuilder stderr)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        var p = Process.Start(psi)!;
        // Drain both pipes so the child never blocks on a full one.
        p.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        return p;
    }
}
