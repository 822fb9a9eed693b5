namespace WasmPerfDiff.Analysis;

/// <summary>Wire names of a finding's kind.</summary>
public static class FindingKinds
{
    /// <summary>Slower than the two-way (case × runtime) consensus predicts, and the runtime's peers agree.</summary>
    public const string Consensus = "consensus";
    /// <summary>Slower than its most similar runtimes (peers) usually are, relative to them.</summary>
    public const string Peer = "peer";
    /// <summary>The runs of one cell scatter far more than that runtime's runs usually do.</summary>
    public const string Instability = "instability";
    /// <summary>A consensus/peer anomaly of the load phase (startup + compile + instantiate).</summary>
    public const string Startup = "startup";
    /// <summary>Output hash, exit code or status differs from the case's majority.</summary>
    public const string Divergence = "divergence";
}

/// <summary>Wire names of a finding's verdict against the threshold factor.</summary>
public static class Verdicts
{
    /// <summary>The whole confidence interval (or, for means only, the factor) is at or above the threshold.</summary>
    public const string Anomaly = "anomaly";
    /// <summary>The whole interval (or the factor) is below the threshold.</summary>
    public const string NoAnomaly = "no-anomaly";
    /// <summary>The interval straddles the threshold: more runs would decide.</summary>
    public const string Undecided = "undecided";

    /// <summary>Verdict of a factor with an optional percentile interval, against <paramref name="threshold"/>.</summary>
    public static string Of(double factor, double? ciLow, double? ciHigh, double threshold)
    {
        if (ciLow is not double lo || ciHigh is not double hi)
            return factor >= threshold ? Anomaly : NoAnomaly;
        if (lo >= threshold) return Anomaly;
        return hi < threshold ? NoAnomaly : Undecided;
    }
}

/// <summary>
/// One thing the analysis found about one runtime on one case. Factor = how many times slower than
/// expected (for instability: how many times its usual spread); CI = 95 % percentile bootstrap interval
/// of the factor, null when only means are known. Score orders findings of one kind (bigger = more surprising).
/// </summary>
public sealed record Finding(
    string Case,
    string Runtime,
    double? Factor,
    double? CiLow,
    double? CiHigh,
    string? Verdict,
    string Kind,
    string? Peer,
    double Score,
    string? Detail = null);
