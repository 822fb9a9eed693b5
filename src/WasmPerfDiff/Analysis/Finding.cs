namespace WasmPerfDiff.Analysis;

/// <summary>What a finding compares (wire names by <see cref="Wire"/>: <c>consensus</c>, <c>peer</c>, ...).</summary>
public enum FindingKind
{
    /// <summary>Slower than the two-way (case × runtime) consensus predicts, and the runtime's peers agree.</summary>
    Consensus,
    /// <summary>Slower than its most similar runtimes (peers) usually are, relative to them.</summary>
    Peer,
    /// <summary>The runs of one cell scatter far more than that runtime's runs usually do.</summary>
    Instability,
    /// <summary>A consensus/peer anomaly of the load phase (startup + compile + instantiate).</summary>
    Startup,
    /// <summary>Output hash, exit code or status differs from the case's majority.</summary>
    Divergence,
    /// <summary>An engine's optimizing tier is no faster than its own baseline tier, beyond the pair's usual ratio (<see cref="TierInversion"/>).</summary>
    TierInversion,
}

/// <summary>
/// What an execution finding's excess time is (wire names <c>fixed</c>, <c>throughput</c>, <c>unknown</c>): a
/// <c>fixed</c> cost is paid once per run whatever the work (compile, lazy JIT, one-time initialisation, a slow
/// start); a <c>throughput</c> excess grows with the work (slow generated code) and is what the ranking is for.
/// </summary>
public enum ExcessClass
{
    Throughput,
    Fixed,
    /// <summary>Could not be told apart (no size argument, or the reruns failed or disagreed).</summary>
    Unknown,
}

/// <summary>A finding's verdict against the threshold factor (wire names <c>anomaly</c>, <c>no-anomaly</c>, <c>undecided</c>).</summary>
public enum Verdict
{
    /// <summary>The whole confidence interval (or, for published means only, the factor) is at or above the threshold.</summary>
    Anomaly,
    /// <summary>The whole interval (or the factor) is below the threshold.</summary>
    NoAnomaly,
    /// <summary>The interval straddles the threshold, or a cell has fewer than 3 runs (no interval): more runs would decide.</summary>
    Undecided,
}

public static class Verdicts
{
    /// <summary>Verdict from a confidence interval of the factor against <paramref name="threshold"/>: anomaly when the
    /// whole interval is at or above it, no-anomaly when the whole interval is below, otherwise (and without an
    /// interval: too few runs) undecided. A point factor alone never decides a measured campaign.</summary>
    public static Verdict Of(double? ciLow, double? ciHigh, double threshold)
    {
        if (ciLow is not double lo || ciHigh is not double hi) return Verdict.Undecided;
        if (lo >= threshold) return Verdict.Anomaly;
        return hi < threshold ? Verdict.NoAnomaly : Verdict.Undecided;
    }

    /// <summary>The documented exception: published means (no runs, so no interval) are judged by the factor alone.</summary>
    public static Verdict OfMeans(double factor, double threshold) => factor >= threshold ? Verdict.Anomaly : Verdict.NoAnomaly;
}

/// <summary>
/// One thing the analysis found about one runtime on one case. Factor = how many times slower than
/// expected (none for instability, which is about spread: see <see cref="SpreadRatio"/>); CI = 95 % percentile
/// bootstrap interval of the factor, null when only means are known. Score orders findings of one kind (bigger = more surprising).
/// </summary>
public sealed record Finding(
    string Case,
    string Runtime,
    double? Factor,
    double? CiLow,
    double? CiHigh,
    Verdict? Verdict,
    FindingKind Kind,
    string? Peer,
    double Score,
    string? Detail = null,
    Measurement.PhaseMethod? Method = null,
    ExcessClass? Excess = null,
    string? ExcessDetail = null)
{
    /// <summary>An execution-time finding of the consensus/peer model (the main ranked list).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsTiming => Kind is FindingKind.Consensus or FindingKind.Peer;

    /// <summary>With <see cref="Excess"/>: the 95 % interval of the share of the excess that grows with the work (0 = all
    /// fixed, 1 = all throughput; <see cref="ExcessRules.WithInterval"/>). A class is given only when it lies wholly on one
    /// side of the threshold share; an <c>unknown</c> finding keeps the interval the reruns reached.</summary>
    public double? ExcessShareLow { get; init; }
    public double? ExcessShareHigh { get; init; }

    /// <summary><see cref="Analysis.HostLayer.Ours"/> when the excess sits in the host calls of a runner we wrote, not in the
    /// engine (<see cref="HostLayerRule"/>), with the numbers in <see cref="HostDetail"/>; null otherwise.</summary>
    public HostLayer? HostLayer { get; init; }
    public string? HostDetail { get; init; }

    /// <summary>Instability only: the cell's relative spread over its runtime's typical spread in the same rounds (the smaller
    /// of the earlier and the later half's; <see cref="InstabilityDetector"/>). A ratio of spreads, not a slowdown.</summary>
    public double? SpreadRatio { get; init; }

    /// <summary>Constructs the module uses a lot and this runtime is slow at (given a construct fingerprint; see <see cref="ConstructExplanations"/>).</summary>
    public IReadOnlyList<ConstructExplanation>? Explanations { get; init; }
}
