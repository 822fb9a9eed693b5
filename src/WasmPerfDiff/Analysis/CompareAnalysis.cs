using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Analysis;

/// <summary>What a compare says of one ratio (wire names <c>faster</c>, <c>slower</c>, <c>same</c>, <c>unsure</c>).</summary>
public enum CompareVerdict
{
    /// <summary>The whole 95 % interval of candidate / baseline lies below 1 / (1 + threshold).</summary>
    Faster,
    /// <summary>The whole interval lies above 1 + threshold: a confident slowdown.</summary>
    Slower,
    /// <summary>The whole interval lies within [1 / (1 + threshold), 1 + threshold]: any change is smaller than the threshold.</summary>
    Same,
    /// <summary>The interval straddles a threshold (or there are too few runs): the data do not decide.</summary>
    Unsure,
}

/// <summary>A ratio candidate / baseline (of medians, or their geometric mean) with its 95 % interval and verdict.</summary>
public sealed record RatioEstimate(double Ratio, double Low, double High, CompareVerdict Verdict);

/// <summary>One case of a compare: runs and medians of both sides, and the ratio of the execution and load phases.</summary>
public sealed record CaseComparison(
    string Case,
    int BaselineRuns,
    int CandidateRuns,
    double? BaselineMs,
    double? CandidateMs,
    RatioEstimate? Execution,
    RatioEstimate? Load,
    string? Note)
{
    /// <summary>The verdict on the execution phase, which decides the case (unsure when it could not be estimated).</summary>
    public CompareVerdict Verdict => Execution?.Verdict ?? CompareVerdict.Unsure;
}

/// <summary>A whole compare: per case, and the geometric mean of the execution ratios over the cases that have one.</summary>
public sealed record CompareSummary(
    string Baseline,
    string Candidate,
    double Threshold,
    IReadOnlyList<CaseComparison> Cases,
    RatioEstimate? GeoMean,
    RatioEstimate? LoadGeoMean,
    CompareMetric Metric = CompareMetric.Phases)
{
    /// <summary>What the ratios are of, for headings: "median execution time" or "median CPU time".</summary>
    public string Measure => Metric == CompareMetric.Cpu ? "median CPU time (user + system) of the run" : "median execution time";

    /// <summary>The name of what the main ratio is of, for column headings: "execution" or "CPU time".</summary>
    public string MetricName => Metric == CompareMetric.Cpu ? "CPU time" : "execution";

    /// <summary>The sentence shown when no case is slower or faster: "no change" only when the cases are known to be the
    /// same; when some (or all) are unsure it says that they could not be decided, and why.</summary>
    public string NoChangeSentence()
    {
        var unsure = Cases.Where(c => c.Verdict == CompareVerdict.Unsure).ToList();
        if (unsure.Count == 0) return "No case changed by more than the threshold.";
        var why = string.Join("; ", unsure.GroupBy(c => c.Note ?? "its interval straddles the threshold", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}: {g.Key}"));
        var decided = Cases.Count - unsure.Count;
        return (decided == 0
                   ? $"Nothing could be decided: all {Cases.Count} cases are unsure"
                   : $"No decided case changed by more than the threshold ({decided} same), but {unsure.Count} could not be decided")
               + $" ({why}). More runs (--max-runs, --max-time) narrow the intervals.";
    }

    public int Count(CompareVerdict v) => Cases.Count(c => c.Verdict == v);

    /// <summary>Some case is confidently slower (what <c>--fail-on slower</c> fails on).</summary>
    public bool AnySlower => Cases.Any(c => c.Verdict == CompareVerdict.Slower);

    public bool AnyFaster => Cases.Any(c => c.Verdict == CompareVerdict.Faster);

    /// <summary>"geomean ×1.012 [1.004, 1.020] (same): 2 slower, 1 faster, 40 same, 11 unsure".</summary>
    public string Headline() =>
        (GeoMean is { } g ? FormattableString.Invariant($"geomean ×{g.Ratio:0.000} [{g.Low:0.000}, {g.High:0.000}] ({g.Verdict.ToWire()}): ") : "no geomean: ") +
        $"{Count(CompareVerdict.Slower)} slower, {Count(CompareVerdict.Faster)} faster, {Count(CompareVerdict.Same)} same, {Count(CompareVerdict.Unsure)} unsure";
}

/// <summary>
/// The statistics of <c>compare</c>: per case the ratio of medians candidate / baseline for the execution phase and
/// the load phase (startup + compile + instantiate, as <see cref="CellTable.PhaseMs"/> defines them), with a 95 %
/// percentile-bootstrap interval (each side's runs resampled on their own, <see cref="Resamples"/> times), and a
/// verdict against the threshold. The summary is the geometric mean of the per-case ratios; its interval comes from
/// the same bootstrap draws, averaged over the cases draw by draw.
/// </summary>
public static class CompareAnalysis
{
    public const int Resamples = 2000;

    /// <summary>Fewest ok runs per side for an interval: below it the case is <c>unsure</c>.</summary>
    public const int MinRuns = 3;

    public static CompareVerdict Judge(double low, double high, double threshold)
    {
        var up = 1 + threshold;
        if (low > up) return CompareVerdict.Slower;
        if (high < 1 / up) return CompareVerdict.Faster;
        if (low >= 1 / up && high <= up) return CompareVerdict.Same;
        return CompareVerdict.Unsure;
    }

    /// <summary>Analyses the runs of a compare campaign (other runtimes' runs are ignored).</summary>
    public static CompareSummary Analyze(IReadOnlyList<CaseRun> runs, CompareSettings settings, long seed = 1, int resamples = Resamples)
    {
        var baseline = settings.Baseline;
        var candidate = settings.CandidateName;
        var cases = runs.Where(r => r.Result.Runtime == baseline || r.Result.Runtime == candidate)
            .GroupBy(r => r.Case, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var result = new List<CaseComparison>();
        var execDraws = new List<double[]>();
        var loadDraws = new List<double[]>();
        foreach (var g in cases)
        {
            var a = g.Where(r => r.Result.Runtime == baseline).OrderBy(r => r.Round).Select(r => r.Result).ToList();
            var b = g.Where(r => r.Result.Runtime == candidate).OrderBy(r => r.Round).Select(r => r.Result).ToList();
            var okA = a.Where(r => r.Status == RunStatus.Ok).ToList();
            var okB = b.Where(r => r.Status == RunStatus.Ok).ToList();
            string? note = null;
            var failed = a.Concat(b).FirstOrDefault(r => r.Status != RunStatus.Ok);
            if (failed is not null) note = $"{failed.Runtime}: {failed.Status.ToWire()}";
            else if (okA.Count < MinRuns || okB.Count < MinRuns) note = $"too few runs for an interval (need {MinRuns} per side)";

            RatioEstimate? exec = null, load = null;
            if (note is null)
            {
                var rng = CaseStream(seed, g.Key);
                (exec, var ed) = Estimate(Main(okA, settings.Metric), Main(okB, settings.Metric), settings.Threshold, ref rng, resamples);
                (load, var ld) = settings.Metric == CompareMetric.Cpu ? (null, null)
                    : Estimate(Values(okA, AnalysisPhase.Load), Values(okB, AnalysisPhase.Load), settings.Threshold, ref rng, resamples);
                if (ed is not null) execDraws.Add(ed);
                if (ld is not null) loadDraws.Add(ld);
            }
            result.Add(new CaseComparison(g.Key, okA.Count, okB.Count,
                Median(Main(okA, settings.Metric)), Median(Main(okB, settings.Metric)), exec, load, note));
        }
        return new CompareSummary(baseline, candidate, settings.Threshold, result,
            GeoMean(execDraws, result.Select(c => c.Execution), settings.Threshold),
            GeoMean(loadDraws, result.Select(c => c.Load), settings.Threshold), settings.Metric);
    }

    /// <summary>The execution-phase verdict of one case from the runs of its two cells (the stopping rule's question), with an
    /// interval of the given <paramref name="confidence"/>. It draws the same resamples as <see cref="Analyze"/> does for
    /// that case (same stream, same count), so a wider interval that is settled here contains the final 95 % one, which is
    /// then settled the same way: the stop and the final verdict cannot disagree.</summary>
    public static RatioEstimate? ExecutionRatio(string caseName, IReadOnlyList<RunResult> baseline, IReadOnlyList<RunResult> candidate,
        CompareSettings settings, long seed, double confidence = 0.95, int resamples = Resamples)
    {
        var rng = CaseStream(seed, caseName);
        return Estimate(Main(baseline, settings.Metric), Main(candidate, settings.Metric), settings.Threshold, ref rng, resamples, confidence).Estimate;
    }

    /// <summary>The bootstrap stream of one case: from the seed and the case's name (not its position among the cases,
    /// which the stopping rule does not know), with a hash that is the same in every process.</summary>
    private static SplitMix64 CaseStream(long seed, string caseName)
    {
        var h = 14695981039346656037UL; // FNV-1a over the UTF-16 code units
        foreach (var ch in caseName) h = (h ^ ch) * 1099511628211UL;
        return new SplitMix64(SplitMix64.Mix(seed, (long)h));
    }

    /// <summary>The values a compare decides on: execution-phase wall time, or the run's CPU time.</summary>
    private static double[] Main(IEnumerable<RunResult> runs, CompareMetric metric) => metric == CompareMetric.Cpu
        ? runs.Where(r => r.Status == RunStatus.Ok).Select(r => r.UserMs + r.SysMs).Where(v => v > 0).ToArray()
        : Values(runs, AnalysisPhase.Execution);

    private static double[] Values(IEnumerable<RunResult> runs, AnalysisPhase phase) =>
        runs.Where(r => r.Status == RunStatus.Ok).Select(r => CellTable.PhaseMs(r, phase)).OfType<double>().Where(v => v > 0).ToArray();

    private static double? Median(double[] v) => v.Length == 0 ? null : RobustStats.Median(v.ToArray());

    /// <summary>Ratio of medians b / a with the percentile interval of <paramref name="resamples"/> bootstrap ratios;
    /// also returns the draws in log space (for the geometric mean). Null when either side has too few values.</summary>
    private static (RatioEstimate? Estimate, double[]? LogDraws) Estimate(double[] a, double[] b, double threshold, ref SplitMix64 rng, int resamples,
        double confidence = 0.95)
    {
        if (a.Length < MinRuns || b.Length < MinRuns) return (null, null);
        var ratio = RobustStats.Median(b.ToArray()) / RobustStats.Median(a.ToArray());
        var draws = new double[resamples];
        var sa = new double[a.Length];
        var sb = new double[b.Length];
        for (var k = 0; k < resamples; k++)
        {
            for (var i = 0; i < sa.Length; i++) sa[i] = a[rng.NextInt(a.Length)];
            for (var i = 0; i < sb.Length; i++) sb[i] = b[rng.NextInt(b.Length)];
            draws[k] = Math.Log(RobustStats.Median(sb) / RobustStats.Median(sa));
        }
        var sorted = draws.ToArray();
        var tail = (1 - confidence) / 2;
        var low = Math.Exp(RobustStats.Percentile(sorted, tail));
        var high = Math.Exp(RobustStats.Percentile(sorted, 1 - tail));
        // The point estimate stays inside its interval even when the resampled medians are lopsided.
        low = Math.Min(low, ratio);
        high = Math.Max(high, ratio);
        return (new RatioEstimate(ratio, low, high, Judge(low, high, threshold)), draws);
    }

    private static RatioEstimate? GeoMean(List<double[]> draws, IEnumerable<RatioEstimate?> estimates, double threshold)
    {
        var known = estimates.OfType<RatioEstimate>().ToList();
        if (known.Count == 0 || draws.Count != known.Count) return null;
        var point = Math.Exp(known.Average(e => Math.Log(e.Ratio)));
        var n = draws[0].Length;
        var means = new double[n];
        for (var k = 0; k < n; k++)
        {
            var s = 0.0;
            foreach (var d in draws) s += d[k];
            means[k] = s / draws.Count;
        }
        var low = Math.Min(point, Math.Exp(RobustStats.Percentile(means, 0.025)));
        var high = Math.Max(point, Math.Exp(RobustStats.Percentile(means, 0.975)));
        return new RatioEstimate(point, low, high, Judge(low, high, threshold));
    }
}
