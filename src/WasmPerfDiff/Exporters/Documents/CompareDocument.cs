using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary>A ratio candidate / baseline as printed: the point estimate, its 95 % interval and the verdict.</summary>
public sealed record RatioEntry(double Ratio, double CiLow, double CiHigh, string Verdict)
{
    public static RatioEntry? From(RatioEstimate? r) =>
        r is null ? null : new(Math.Round(r.Ratio, 5), Math.Round(r.Low, 5), Math.Round(r.High, 5), r.Verdict.ToWire());
}

/// <summary><c>compare --json</c>: per case the execution and load ratios, then the geometric mean and the verdict counts.</summary>
public sealed record CompareDocument(
    string? Db, string Baseline, string Candidate, string Metric, double ThresholdPercent, bool AnySlower,
    IReadOnlyDictionary<string, int> Verdicts, RatioEntry? GeoMean, RatioEntry? LoadGeoMean, IReadOnlyList<CompareDocument.CaseEntry> Cases)
{
    public sealed record CaseEntry(string Case, string Verdict, int BaselineRuns, int CandidateRuns, double? BaselineMs, double? CandidateMs,
        RatioEntry? Execution, RatioEntry? Load, string? Note);

    public static CompareDocument From(string? db, CompareSummary s) => new(
        db, s.Baseline, s.Candidate, s.Metric.ToWire(), Math.Round(s.Threshold * 100, 4), s.AnySlower,
        Enum.GetValues<CompareVerdict>().ToDictionary(v => v.ToWire(), s.Count),
        RatioEntry.From(s.GeoMean), RatioEntry.From(s.LoadGeoMean),
        s.Cases.Select(c => new CaseEntry(c.Case, c.Verdict.ToWire(), c.BaselineRuns, c.CandidateRuns,
            Round(c.BaselineMs), Round(c.CandidateMs), RatioEntry.From(c.Execution), RatioEntry.From(c.Load), c.Note)).ToList());

    private static double? Round(double? ms) => ms is { } v ? Math.Round(v, 4) : null;
}

/// <summary><c>bisect --json</c>: the answer, then every step (candidate against the baseline, with its database).</summary>
public sealed record BisectDocument(string Case, string End, string? LastGood, string? FirstSlow, RatioEntry? Ratio, string Message,
    IReadOnlyList<string> Versions, IReadOnlyList<BisectDocument.StepEntry> Steps)
{
    public sealed record StepEntry(string Baseline, string Candidate, string Verdict, RatioEntry? Execution, RatioEntry? Load, string Db);

    public static BisectDocument From(BisectResult r) => new(r.Case, r.End.ToWire(), r.LastGood, r.FirstSlow, RatioEntry.From(r.Ratio), r.Message,
        r.Labels, r.Steps.Select(s => new StepEntry(s.Baseline, s.Candidate, s.Verdict.ToWire(), RatioEntry.From(s.Comparison.Execution),
            RatioEntry.From(s.Comparison.Load), s.Database)).ToList());
}
