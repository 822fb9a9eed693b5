using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Reduction;

/// <summary>What the rule says of a candidate so far (wire names <c>in</c>, <c>out</c>, <c>more-runs</c>).</summary>
public enum Interest
{
    /// <summary>Still out of line: against every peer the interval's lower bound is at or above the required factor.</summary>
    In,
    /// <summary>Lost: against some peer the whole interval is below the required factor, or the runs still straddle it at the last look.</summary>
    Out,
    /// <summary>The intervals straddle the required factor and more runs are allowed.</summary>
    MoreRuns,
}

/// <summary>The weakest peer's factor target / peer with its interval, and what it means for the candidate.</summary>
public sealed record InterestDecision(Interest Verdict, string? Peer, double? Factor, double? Low, double? High, string Reason);

/// <summary>
/// The performance half of "interesting": the target's execution time over each peer's, as <c>compare</c> measures a
/// ratio (<see cref="CompareAnalysis.ExecutionRatio"/>: ratio of medians, percentile bootstrap). The candidate keeps
/// the slowdown when, against every peer, the lower bound of the interval is at or above <see cref="RequiredFactor"/>.
/// Sequential like <c>compare</c>'s stopping rule: each look before <see cref="MaxRuns"/> uses a 99 % interval (every look
/// is a chance for noise to cross the line) and stops as soon as the answer is clear either way; the last look uses
/// 95 % and counts a candidate still straddling the line as out, so noise never makes a program "interesting".
/// </summary>
/// <param name="Metric">What is compared, as in <c>compare --metric</c>: the execution phase (the campaign's measurement), or the
/// CPU time of the run, which a loaded machine's waiting for a core does not inflate.</param>
public sealed record InterestingnessRule(double RequiredFactor, int MinRuns = CompareAnalysis.MinRuns, int MaxRuns = 12, long Seed = 1,
    CompareMetric Metric = CompareMetric.Phases)
{
    /// <summary>A reduced program must stay at least this many times slower than its peers, whatever the original was.</summary>
    public const double MinimumFactor = 1.5;

    /// <summary>Share of the original excess (factor − 1) a reduced program must keep.</summary>
    public const double KeptExcess = 0.7;

    private const int Resamples = 1000;

    /// <summary>max(1.5, 1 + 70 % of the original excess): what a candidate must keep of an original <paramref name="originalFactor"/>.</summary>
    public static double Required(double originalFactor) => Math.Max(MinimumFactor, 1 + KeptExcess * (originalFactor - 1));

    /// <summary>Decides from the ok runs of the target and of each peer (execution phase, baseline-subtracted where the campaign would).</summary>
    public InterestDecision Decide(IReadOnlyList<RunResult> target, IReadOnlyDictionary<string, IReadOnlyList<RunResult>> peers)
    {
        if (peers.Count == 0) throw new ArgumentException("at least one peer is needed", nameof(peers));
        var runs = Math.Min(target.Count, peers.Values.Min(p => p.Count));
        if (runs < MinRuns) return new(Interest.MoreRuns, null, null, null, null, $"{runs} of at least {MinRuns} runs per side");
        var last = runs >= MaxRuns;
        var confidence = last ? 0.95 : CompareStoppingRule.StopConfidence;
        var estimates = new List<(string Peer, RatioEstimate Ratio)>();
        foreach (var (peer, peerRuns) in peers)
        {
            var settings = new CompareSettings(peer, target[0].Runtime, Metric: Metric);
            if (CompareAnalysis.ExecutionRatio(peer, peerRuns, target, settings, Seed, confidence, Resamples) is not { } r)
                return new(Interest.Out, peer, null, null, null, $"no execution time against {peer}");
            estimates.Add((peer, r));
        }
        var (weakest, w) = estimates.MinBy(e => e.Ratio.Low);
        var shown = FormattableString.Invariant($"×{w.Ratio:0.00} [{w.Low:0.00}, {w.High:0.00}] against {weakest} after {runs} runs");
        var required = FormattableString.Invariant($"×{RequiredFactor:0.00}");
        if (w.Low >= RequiredFactor) return new(Interest.In, weakest, w.Ratio, w.Low, w.High, $"{shown}: at or above {required}");
        if (estimates.Any(e => e.Ratio.High < RequiredFactor) || last)
            return new(Interest.Out, weakest, w.Ratio, w.Low, w.High, $"{shown}: {(last ? "not clearly" : "below")} {required}");
        return new(Interest.MoreRuns, weakest, w.Ratio, w.Low, w.High, $"{shown}: straddles {required}");
    }
}
