using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Campaigns;

/// <summary>What a compare measures (wire names <c>phases</c>, <c>cpu</c>).</summary>
public enum CompareMetric
{
    /// <summary>Wall time of the execution phase (and of the load phase beside it), as the run's phases report them.</summary>
    Phases,
    /// <summary>User + system CPU time of the whole run (no load phase): time spent waiting for a core does not count.</summary>
    Cpu,
}

/// <summary>
/// What makes a campaign a <c>compare</c>: two runtime configurations, the baseline and the candidate, run
/// interleaved A/B/B/A per case (<see cref="CampaignScheduler"/>) and judged by the ratio candidate / baseline
/// against <see cref="Threshold"/>. Stored inside <see cref="CampaignSettings"/>, so a report of the database
/// knows it holds a compare.
/// </summary>
/// <param name="Metric">What is compared: the execution and load phases' wall time (the default), or the CPU time
/// (user + system) of the whole run, which a loaded machine's waiting for a core does not inflate.</param>
/// <param name="Threshold">Relative change that counts (0.02 = 2 %): a case is slower when the 95 % interval of its
/// ratio lies wholly above 1 + threshold.</param>
public sealed record CompareSettings(string Baseline, string Candidate, double Threshold = CompareSettings.DefaultThreshold,
    CompareMetric Metric = CompareMetric.Phases)
{
    public const double DefaultThreshold = 0.02;

    /// <summary>Suffix of the candidate's name when both sides are the same configuration (an A = A compare):
    /// cells are keyed by runtime name, so the second copy needs a name of its own.</summary>
    public const string AgainSuffix = "+again";

    /// <summary>The candidate's runtime name in the store and in every table.</summary>
    public string CandidateName => Candidate == Baseline ? Candidate + AgainSuffix : Candidate;

    public void Validate()
    {
        if (!RuntimeNames.IsSafe(Baseline)) throw new BadInputException($"baseline runtime name '{Baseline}' must use {RuntimeNames.Alphabet}", nameof(Baseline));
        if (!RuntimeNames.IsSafe(CandidateName)) throw new BadInputException($"candidate runtime name '{Candidate}' must use {RuntimeNames.Alphabet}", nameof(Candidate));
        if (!double.IsFinite(Threshold) || Threshold <= 0 || Threshold >= 1)
            throw new BadInputException($"must be a percentage above 0 and below 100 (got {Threshold * 100:0.###})", nameof(Threshold));
    }
}
