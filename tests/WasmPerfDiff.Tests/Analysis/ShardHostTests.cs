using WasmPerfDiff.Analysis;
using WasmPerfDiff.Analysis.Evaluation;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>
/// Merged shards: every case's runtimes ran on one host, so a slower host scales whole cases, which the
/// consensus model's case effect absorbs. A host 1.3× slower for every runtime must add no finding and hide none.
/// </summary>
public sealed class ShardHostTests
{
    private static IReadOnlyList<CaseRun> OnShards(SimulatedCampaign campaign, int slowShard, double slowdown)
    {
        // The shards as run --shard 4 would cut them (equal costs: balanced by count, deterministic).
        var cases = campaign.Runs.Select(r => r.Case).Distinct().ToDictionary(c => c, _ => 1.0);
        var slow = ShardBalancer.Partition(cases, 4)[slowShard].ToHashSet();
        return campaign.Runs.Select(r => slow.Contains(r.Case) ? r with { Result = Slower(r.Result, slowdown) } : r).ToList();
    }

    private static RunResult Slower(RunResult r, double f) => r with
    {
        WallMs = r.WallMs * f, UserMs = r.UserMs * f, SysMs = r.SysMs * f,
        Phases = Phases.FromValues(r.Phases.Named().Select(p => p.Ms * f).ToList()),
    };

    private static HashSet<(string, string)> Anomalies(IReadOnlyList<CaseRun> runs) =>
        DifferentialAnalysis.Analyze(runs, new AnalysisOptions()).Findings
            .Where(f => f.Verdict == Verdict.Anomaly).Select(f => (f.Case, f.Runtime)).ToHashSet();

    [Fact]
    public void A_shard_on_a_slower_host_adds_no_finding_and_hides_no_planted_one()
    {
        var campaign = CampaignSimulator.Generate(new SimulationSettings(Factor: 2, Noise: 0.05, RunsPerCell: 5, RuntimeCount: 7, Cases: 80, Seed: 5));
        var oneHost = Anomalies(campaign.Runs);
        Assert.NotEmpty(campaign.Anomalies);
        for (var shard = 0; shard < 4; shard++)
        {
            var mixed = Anomalies(OnShards(campaign, shard, 1.3));
            Assert.Equal(oneHost.Order(), mixed.Order());
            Assert.All(campaign.Anomalies, a => Assert.Contains((a.Case, a.Runtime), mixed));
        }
    }

    [Fact]
    public void Without_a_planted_anomaly_a_slower_host_finds_nothing()
    {
        var campaign = CampaignSimulator.Generate(new SimulationSettings(Factor: 1, Noise: 0.05, RunsPerCell: 5, RuntimeCount: 7, Cases: 40, Seed: 8));
        var oneHost = Anomalies(campaign.Runs);
        var mixed = Anomalies(OnShards(campaign, 1, 1.3));
        Assert.Empty(mixed.Except(oneHost));
        Assert.Equal(oneHost.Order(), mixed.Order());
    }
}
