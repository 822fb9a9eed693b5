using WasmPerfDiff.Analysis.Evaluation;

namespace WasmPerfDiff.Tests.Analysis;

public class EvaluationTests
{
    [Fact]
    public void Robust_method_meets_its_target_at_1_5x_5_percent_noise_5_runs()
    {
        var rows = MethodEvaluation.Run(seed: 20, [MethodEvaluation.TargetSetting]);

        var robust = rows.Single().Scores.Single(s => s.Method == "robust");
        Assert.True(robust.Injected >= 30, $"only {robust.Injected} injected anomalies");
        Assert.True(robust.Precision >= 0.95, $"precision {robust.Precision:0.00}");
        Assert.True(robust.Recall >= 0.95, $"recall {robust.Recall:0.00}");
        Assert.True(MethodEvaluation.MeetsTarget(rows));
    }

    [Fact]
    public void Simulated_campaigns_have_interpreters_with_startup_and_anomalies_only_on_measurable_cases()
    {
        var campaign = CampaignSimulator.Generate(new SimulationSettings(1.5, 0.05, 3, 9, 100, 4));

        Assert.Equal(9, campaign.Runtimes.Count);
        Assert.Contains(campaign.Runtimes, r => r.Interpreter && r.StartupMs == CampaignSimulator.InterpreterStartupMs);
        Assert.Equal(100 / CampaignSimulator.CasesPerAnomaly, campaign.Anomalies.Count);
        Assert.Equal(100 * 9 * 3, campaign.Runs.Count);
        foreach (var a in campaign.Anomalies)
        {
            var fastest = campaign.Runs.Where(r => r.Case == a.Case).GroupBy(r => r.Result.Runtime)
                .Min(g => g.Min(r => r.Result.Phases.ExecuteMs!.Value));
            // The precision floor of an in-process phase at the evaluation's threshold √1.5 (≈ 1 ms), with 10 % run noise.
            var floor = WasmPerfDiff.Analysis.DurationFloor.ResolutionMs(CampaignSimulator.SimulatedMethod) / WasmPerfDiff.Analysis.DurationFloor.ClockTolerance(Math.Sqrt(1.5));
            Assert.True(fastest >= 0.9 * floor, $"{a.Case} executes in {fastest:0} ms on its fastest runtime");
        }
    }
}
