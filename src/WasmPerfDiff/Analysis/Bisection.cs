namespace WasmPerfDiff.Analysis;

/// <summary>How a bisect ended (wire names <c>found</c>, <c>unsure</c>, <c>no-slowdown</c>).</summary>
public enum BisectEnd
{
    /// <summary>A first slow version after a last good one.</summary>
    Found,
    /// <summary>Some compare on the way was unsure: the data do not decide.</summary>
    Unsure,
    /// <summary>The slow end is not slower than the baseline.</summary>
    NoSlowdown,
}

/// <summary>One step: the candidate compared with the baseline (the first version) on the case.</summary>
public sealed record BisectStep(string Baseline, string Candidate, CaseComparison Comparison, string Database)
{
    public CompareVerdict Verdict => Comparison.Verdict;
}

/// <summary>The outcome of a bisect: the runtimes searched (<see cref="Labels"/> as shown), every step, and the answer.</summary>
public sealed record BisectResult(string Case, IReadOnlyList<string> Labels, IReadOnlyList<string> Runtimes, IReadOnlyList<BisectStep> Steps, BisectEnd End,
    string? LastGood, string? FirstSlow, RatioEstimate? Ratio, string Message);

