using WasmPerfDiff.Analysis;
using WasmPerfDiff.Analysis.Evaluation;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Tests.Analysis;

public class RobustModelTests
{
    private static SimulatedCampaign Campaign(long seed) =>
        CampaignSimulator.Generate(new SimulationSettings(Factor: 2, Noise: 0.05, RunsPerCell: 5, RuntimeCount: 7, Cases: 80, Seed: seed));

    [Fact]
    public void Bootstrap_intervals_repeat_with_the_same_seed_and_move_with_another()
    {
        // 15 runs per cell: with 5, a median's 2.5 % / 97.5 % bootstrap percentiles are the cell's extreme runs
        // whatever the seed (P(median of a resample = the smallest run) ≈ 6 % > 2.5 %), so only more runs show the seed.
        var runs = CampaignSimulator.Generate(new SimulationSettings(Factor: 2, Noise: 0.05, RunsPerCell: 15, RuntimeCount: 7, Cases: 80, Seed: 3)).Runs;
        static List<(double?, double?)> Intervals(IReadOnlyList<CaseRun> runs, int seed) =>
            DifferentialAnalysis.Analyze(runs, new AnalysisOptions { Seed = seed })
                .Findings.Where(f => f.IsTiming).Select(f => (f.CiLow, f.CiHigh)).ToList();

        var first = Intervals(runs, 11);
        var again = Intervals(runs, 11);
        var other = Intervals(runs, 12);

        Assert.NotEmpty(first);
        Assert.All(first, ci => Assert.True(ci.Item1 <= ci.Item2));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Injected_slowdowns_are_found_with_intervals_around_them()
    {
        var campaign = Campaign(5);
        var result = DifferentialAnalysis.Analyze(campaign.Runs, new AnalysisOptions());

        Assert.False(result.MeansOnly);
        var anomalies = result.Findings.Where(f => f.IsTiming && f.Verdict == Verdict.Anomaly).ToList();
        foreach (var injected in campaign.Anomalies)
        {
            var found = Assert.Single(anomalies, f => f.Case == injected.Case && f.Runtime == injected.Runtime);
            Assert.InRange(injected.Factor, found.CiLow!.Value * 0.9, found.CiHigh!.Value * 1.1);
        }
    }

    [Fact]
    public void Output_differences_are_divergences_and_scattered_runs_are_instability()
    {
        var runs = new List<CaseRun>();
        var rng = new SplitMix64(9);
        string[] runtimes = ["a", "b", "c", "d"];
        for (var c = 0; c < 12; c++)
        foreach (var rt in runtimes)
        for (var round = 0; round < 7; round++)
        {
            var ms = (200 + 50 * c) * (1 + 0.01 * rng.NextGaussian());
            if (c == 3 && rt == "b" && round % 2 == 0) ms *= 1.8; // every other run slow: unstable cell
            var hash = c == 5 && rt == "c" ? "different" : "expected";
            var status = c == 7 && rt == "d" ? RunStatus.Trap : RunStatus.Ok;
            runs.Add(new CaseRun($"S-case{c}", round, new RunResult(rt, status, status == RunStatus.Ok ? 0 : null, null, ms, 0, 0, 0, 1,
                hash, 0, "", new Phases(ExecuteMs: ms), DateTimeOffset.UnixEpoch)));
        }

        var result = DifferentialAnalysis.Analyze(runs, new AnalysisOptions());

        var divergences = result.Findings.Where(f => f.Kind == FindingKind.Divergence).Select(f => (f.Case, f.Runtime)).ToList();
        Assert.Equal([("S-case5", "c"), ("S-case7", "d")], divergences);
        var unstable = result.Findings.Where(f => f.Kind == FindingKind.Instability).Select(f => (f.Case, f.Runtime)).ToList();
        Assert.Equal([("S-case3", "b")], unstable);
        // The trapping runtime has no timed runs on case 7, so that case leaves the timing table.
        Assert.Equal(1, result.DroppedCases);
    }

    [Fact]
    public void Exclusions_match_full_names_and_program_names_after_the_suite()
    {
        string[] exclude = ["recursive", "Misc-flops-5"];
        Assert.True(CellTable.IsExcluded("Shootout-recursive", exclude));
        Assert.True(CellTable.IsExcluded("Shootout-C++-recursive", exclude));
        Assert.True(CellTable.IsExcluded("Misc-flops-5", exclude));
        Assert.False(CellTable.IsExcluded("Misc-flops-6", exclude));
        Assert.False(CellTable.IsExcluded("Shootout-nonrecursive", exclude));
    }
}
