using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary>Runs go where verdicts are open (issue 27): settled cells stop, undecided ones get the next runs first.</summary>
public class AdaptiveCampaignTests
{
    private const string PlantedCase = "sieve";
    private const double PlantedFactor = 8;

    /// <summary>Real wasmtime-cranelift underneath, with the execution of one case made <see cref="PlantedFactor"/>× slower:
    /// a planted anomaly on real measurements (the fault is injected, the runs are real).</summary>
    private sealed class PlantedSlowRuntime(IRuntime inner) : IRuntime
    {
        public string Name => "planted-slow";
        public string Engine => "planted";
        public string Tier => inner.Tier;
        public string Describe() => $"{inner.Describe()}, {PlantedCase} ×{PlantedFactor}";
        public RuntimeAvailability Detect() => inner.Detect();
        public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default) =>
            inner.PrepareAsync(request, options, cancellationToken);

        public async Task<RunResult> RunPlanted(RunRequest request, CancellationToken ct)
        {
            var r = await inner.RunAsync(request, ct);
            if (r.Status != RunStatus.Ok || !request.WasmPath.EndsWith($"{PlantedCase}.wasm", StringComparison.Ordinal)) return r with { Runtime = Name };
            var extra = (r.Phases.ExecuteMs ?? r.WallMs) * (PlantedFactor - 1);
            return r with { Runtime = Name, WallMs = r.WallMs + extra, Phases = r.Phases with { ExecuteMs = r.Phases.ExecuteMs + extra } };
        }
    }

    [Fact]
    public async Task A_planted_slow_cell_settles_as_an_anomaly_and_settled_cells_stop_short_of_max_runs()
    {
        var corpus = CorpusSet.Open(Path.Combine(TestPaths.RepoRoot, "corpus"));
        // The demo size: 10–20 ms of execution on the fast tiers, well above the scheduling noise of a loaded machine.
        var cases = CampaignCases.FromCorpus(corpus, "sieve,crc32,nbody,matmul-int,heapsort", DemoPlan.DefaultSize);
        var real = RuntimeCatalog.Load().Select(["wasmtime-cranelift", "wasmtime-cranelift-o0", "wasmtime-winch"]);
        IReadOnlyList<IRuntime> runtimes = [.. real, new PlantedSlowRuntime(real[0])];
        var settings = new CampaignSettings { Warmup = 0, MinRuns = 3, MaxRuns = 8, Seed = 27, BaselineSubtraction = false };
        var reports = new List<CampaignProgress>();

        using var store = CampaignStore.Open(TestCases.TempDb());
        var scheduler = new CampaignScheduler(store, settings, VerdictStoppingRule.ForCampaign(settings),
            (rt, request, ct) => rt is PlantedSlowRuntime p ? p.RunPlanted(request, ct) : rt.RunAsync(request, ct));
        var outcome = await scheduler.RunAsync(cases, runtimes, resume: false, new SyncProgress(reports.Add));

        Assert.Equal(CampaignEnd.Completed, outcome.End);
        var runs = store.ReadCaseRuns();
        // A failed run (a timeout on a badly loaded machine) is recorded, never fatal; its case's cells then have no verdict.
        var failedCases = runs.Where(r => r.Result.Status != RunStatus.Ok).Select(r => r.Case).ToHashSet();
        Assert.DoesNotContain(PlantedCase, failedCases);
        var planted = DifferentialAnalysis.Analyze(runs, new AnalysisOptions { FloorMs = 0 }).Findings
            .Single(f => f.IsTiming && f.Case == PlantedCase && f.Runtime == "planted-slow");
        var rounds = store.CompletedRounds(outcome.CampaignId);
        Assert.True(planted.Verdict == Verdict.Anomaly,
            $"planted cell: ×{planted.Factor:F2} [{planted.CiLow:F2}, {planted.CiHigh:F2}] {planted.Verdict} after {rounds[(PlantedCase, "planted-slow")]} runs");

        Assert.True(rounds[(PlantedCase, "planted-slow")] < settings.MaxRuns, "the planted anomaly ran to --max-runs instead of settling");
        // With fixed runs every cell would take MaxRuns; a settled cell stops as soon as its interval leaves the threshold.
        // (How many settle at MinRuns depends on the machine's noise: most on a quiet machine, few at a load average of 40.)
        // (Ordinary cells settling at MinRuns on tight intervals: VerdictStoppingRuleTests, with known noise.)
        var cells = cases.Count * runtimes.Count;
        var last = reports[^1];
        Assert.Equal(0, last.ActiveCells);
        Assert.True(last.SettledCells >= 1, $"no cell of {cells} settled");
        // A cell that did not settle ran to --max-runs, or belongs to a case with a failed run: nothing stopped for another reason.
        var judged = cells - failedCases.Count * runtimes.Count;
        Assert.Equal(judged, last.SettledCells + rounds.Count(r => r.Value == settings.MaxRuns && !failedCases.Contains(r.Key.Case)));
    }

    /// <summary>Marks case1 @ a as undecided once it has its minimum runs; every other cell stays on a rule without a verdict.</summary>
    private sealed class OneOpenCell : IStoppingRule
    {
        public StopDecision Decide(CellHistory cell) =>
            cell.Case.Name == "case1" && cell.Runtime == "a" ? StopDecision.Open("undecided") : StopDecision.Continue("more runs");
    }

    [Fact]
    public async Task An_undecided_cell_runs_first_in_each_round_after_the_minimum_runs()
    {
        using var store = CampaignStore.Open(TestCases.TempDb());
        var log = new List<string>();
        FakeRuntime Logged(string name) => new(name, (req, _) => { log.Add($"{Path.GetFileNameWithoutExtension(req.WasmPath)}@{name}"); return FakeRuntime.Ok(name, 100); });
        var settings = new CampaignSettings { Warmup = 0, MinRuns = 2, MaxRuns = 6, Seed = 5 };
        await new CampaignScheduler(store, settings, new OneOpenCell(), FakeRuntime.Execute)
            .RunAsync(TestCases.Make(5), [Logged("a"), Logged("b")], resume: false);

        var rounds = log.Chunk(10).ToList();
        Assert.Equal(6, rounds.Count);
        // Rounds 1–2 (the minimum runs) are plainly shuffled; from round 3 on, the open cell leads its round.
        Assert.All(rounds.Skip(2), r => Assert.Equal("case1@a", r[0]));
        Assert.Contains(rounds.Take(2), r => r[0] != "case1@a");
        // The rest of a round is still shuffled: not the same order in every round.
        Assert.True(rounds.Skip(2).Select(r => string.Join(",", r.Skip(1))).Distinct().Count() > 1);
    }

    /// <summary>Progress reported on the caller's thread (Progress&lt;T&gt; would post to the thread pool and lose the order).</summary>
    private sealed class SyncProgress(Action<CampaignProgress> report) : IProgress<CampaignProgress>
    {
        public void Report(CampaignProgress value) => report(value);
    }
}
