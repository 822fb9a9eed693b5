namespace WasmPerfDiff.Analysis.Evaluation;

/// <summary>Precision and recall of one method in one setting, summed over its replicate campaigns.</summary>
public sealed record MethodScore(string Method, int Injected, int Flagged, int TruePositives)
{
    /// <summary>TP / flagged; 1 when nothing was flagged (no false claim was made).</summary>
    public double Precision => Flagged == 0 ? 1 : (double)TruePositives / Flagged;
    /// <summary>TP / injected.</summary>
    public double Recall => Injected == 0 ? 1 : (double)TruePositives / Injected;
}

/// <summary>One row of the evaluation table.</summary>
public sealed record EvaluationRow(double Factor, double Noise, int RunsPerCell, int Campaigns, IReadOnlyList<MethodScore> Scores);

/// <summary>
/// Runs both methods on simulated campaigns with known anomalies and scores them.
/// <list type="bullet">
/// <item>Robust: flagged = timing findings (consensus/peer) with verdict <c>anomaly</c>, execution phase,
///   default floor, threshold = √factor — the geometric midpoint between "no slowdown" and the injected one,
///   so a detection is a decision that the cell is nearer the anomaly than normal.</item>
/// <item>WarpDiff: it ranks cases and names no threshold, so it is given the answer's size: the top K cases
///   (K = number of injected anomalies, an oracle no real user has) are flagged on their runtime with the largest
///   positive deviation. Scored on total time, as WarpDiff measured, and on execution time (same input as robust).</item>
/// </list>
/// A flag is a true positive when its (case, runtime) was injected.
/// </summary>
public static class MethodEvaluation
{
    public static readonly double[] Factors = [1.25, 1.5, 2.0];
    public static readonly double[] Noises = [0.02, 0.05, 0.10];
    public static readonly int[] RunCounts = [3, 5, 10];

    /// <summary>Runtime counts of the replicate campaigns of each setting (6–10 runtimes).</summary>
    public static readonly int[] RuntimeCounts = [6, 7, 8, 9, 10];

    /// <summary>Cases per simulated campaign: enough for stable runtime effects, small enough to run the grid in seconds.</summary>
    public const int CasesPerCampaign = 150;

    /// <summary>The setting the robust method has a target for : 1.5×, 5 % noise, 5 runs.</summary>
    public static readonly (double Factor, double Noise, int Runs) TargetSetting = (1.5, 0.05, 5);
    public const double TargetPrecision = 0.95, TargetRecall = 0.95;

    public static IReadOnlyList<EvaluationRow> Run(long seed, IEnumerable<(double Factor, double Noise, int Runs)>? settings = null, int[]? runtimeCounts = null)
    {
        settings ??= from f in Factors from n in Noises from k in RunCounts select (f, n, k);
        runtimeCounts ??= RuntimeCounts;
        var rows = new List<EvaluationRow>();
        var settingIndex = 0;
        foreach (var (factor, noise, runs) in settings)
        {
            var robust = new int[3];
            var warpTotal = new int[3];
            var warpExec = new int[3];
            for (var rep = 0; rep < runtimeCounts.Length; rep++)
            {
                var campaign = CampaignSimulator.Generate(new SimulationSettings(factor, noise, runs, runtimeCounts[rep],
                    CasesPerCampaign, (long)SplitMix64.Mix(seed, settingIndex * 100 + rep)));
                var truth = campaign.Anomalies.Select(a => (a.Case, a.Runtime)).ToHashSet();
                Add(robust, truth, FlagRobust(campaign, factor, seed));
                Add(warpTotal, truth, FlagWarpDiff(campaign, AnalysisPhase.Total, truth.Count));
                Add(warpExec, truth, FlagWarpDiff(campaign, AnalysisPhase.Execution, truth.Count));
            }
            rows.Add(new EvaluationRow(factor, noise, runs, runtimeCounts.Length,
            [
                new MethodScore("robust", robust[0], robust[1], robust[2]),
                new MethodScore("warpdiff-total", warpTotal[0], warpTotal[1], warpTotal[2]),
                new MethodScore("warpdiff-execution", warpExec[0], warpExec[1], warpExec[2]),
            ]));
            settingIndex++;
        }
        return rows;
    }

    /// <summary>True when the robust row of the target setting meets precision and recall ≥ 0.95.</summary>
    public static bool MeetsTarget(IReadOnlyList<EvaluationRow> rows) =>
        rows.Where(r => (r.Factor, r.Noise, r.RunsPerCell) == TargetSetting)
            .Select(r => r.Scores.Single(s => s.Method == "robust"))
            .Any(s => s.Precision >= TargetPrecision && s.Recall >= TargetRecall);

    private static List<(string, string)> FlagRobust(SimulatedCampaign campaign, double factor, long seed)
    {
        var result = DifferentialAnalysis.Analyze(campaign.Runs, new AnalysisOptions
        {
            Method = AnalysisMethod.Robust,
            Phase = AnalysisPhase.Execution,
            Threshold = Math.Sqrt(factor),
            Seed = (int)(seed & int.MaxValue),
        });
        return result.Findings
            .Where(f => f.IsTiming && f.Verdict == Verdict.Anomaly)
            .Select(f => (f.Case, f.Runtime)).ToList();
    }

    private static List<(string, string)> FlagWarpDiff(SimulatedCampaign campaign, AnalysisPhase phase, int k)
    {
        var result = DifferentialAnalysis.Analyze(campaign.Runs, new AnalysisOptions { Method = AnalysisMethod.Warpdiff, Phase = phase, Top = k });
        return result.Findings.Select(f => (f.Case, f.Runtime)).ToList();
    }

    private static void Add(int[] counts, HashSet<(string, string)> truth, List<(string, string)> flagged)
    {
        counts[0] += truth.Count;
        counts[1] += flagged.Count;
        counts[2] += flagged.Count(truth.Contains);
    }
}
