using System.Globalization;

namespace WasmPerfDiff.Analysis;

/// <summary>A finding's excess told apart (<see cref="ExcessRules"/>): the class, the share of the excess that grows
/// with the work (clamped to 0–1 for display), the excess in ms at the case's own size, and the evidence in words.</summary>
public sealed record ExcessCall(ExcessClass Class, double Share, double ExcessMs, string Detail)
{
    /// <summary>The share before clamping (noise can put it below 0 or above 1): what the interval is of.</summary>
    public double RawShare { get; init; } = Share;

    /// <summary>95 % bootstrap interval of <see cref="RawShare"/> (<see cref="ExcessRules.WithInterval"/>); null from medians alone.</summary>
    public double? ShareLow { get; init; }
    public double? ShareHigh { get; init; }
}

/// <summary>
/// The rules that class an execution finding's excess time as <b>fixed</b> (paid once per run: compile, lazy JIT, tier-up,
/// one-time initialisation, a slow start) or <b>throughput</b> (grows with the work: slower code), from reruns of the
/// flagged runtime F and a peer P. The peer's time is the yardstick of work, so neither rule needs to know how the kernel
/// scales. Both start from the finding: factor = how many times F is slower than expected, so F's usual ratio to P is
/// <code>r₀ = (F / P) / factor</code> (F and P of the rerun at the case's own size, cold) and the excess is F − r₀·P.
/// <para><b>By size</b> (the case has a numeric size argument; reruns at s₁ and s₂ = 2·s₁):
/// <code>β = (F₂ − F₁) / (P₂ − P₁),  share = (β − r₀)·P₁ / (F₁ − r₀·P₁)</code>
/// A fixed cost c gives F = c + r₀·P, so β = r₀ and share 0; slower code (F = k·r₀·P) gives β = k·r₀ and share 1.</para>
/// <para><b>By a warm run</b> (no size argument; F and P can run the module twice in one process, <c>IRuntime.CanRunWarm</c>):
/// cold = the first <c>_start</c>, warm = a second instance of the same compiled module in the same process, so
/// cold − warm is what the runtime pays once (lazy compile, tier-up, first touch). The share compares the excess per
/// unit of the peer's work, warm against cold:
/// <code>share = ((F_w − r₀·P_w) / P_w) / ((F_c − r₀·P_c) / P_c)</code>
/// A fixed cost inside execution is gone in the warm run (F_w = r₀·P_w: share 0); slower code stays (F = k·r₀·P cold and
/// warm: share 1). Normalising by P_w keeps a peer that itself runs faster warm from counting as F's fixed cost.</para>
/// <para><b>By phases</b> (a finding on the whole wall time, <c>--phase total</c>; no reruns, the campaign's own phase medians):
/// <code>share = (F_exec − r₀·P_exec) / (F_total − r₀·P_total)</code>
/// the part of the excess inside the execution phase. Below ½ the excess lies in the load phase (start, load, eager
/// compile, instantiate: once per run) and is <c>fixed</c>; otherwise the phases cannot tell (execution can hold a lazy
/// compile) and the size or warm rule decides.</para>
/// share ≥ ½ → throughput, else fixed; null (unknown, with the reason) when the reruns leave no excess or the yardstick did not move.
/// </summary>
public static class ExcessRules
{
    /// <summary>A finding's excess is throughput when at least this share of it grows with the work.</summary>
    public const double DefaultThroughputShare = 0.5;

    /// <summary>The rule by size; <paramref name="why"/> says why there is no call.</summary>
    public static ExcessCall? BySize(double factor, double f1, double p1, double f2, double p2, string label, out string? why,
        double throughputShare = DefaultThroughputShare)
    {
        why = null;
        if (!(p2 > p1 * 1.05)) { why = string.Create(CultureInfo.InvariantCulture, $"the peer did not get slower at the second size ({p1:0.#} → {p2:0.#} ms)"); return null; }
        var r0 = f1 / p1 / factor;
        var excess = f1 - r0 * p1;
        if (!(excess > 0)) { why = "no excess left in the reruns"; return null; }
        var beta = (f2 - f1) / (p2 - p1);
        var share = (beta - r0) * p1 / excess;
        return Call(share, excess, throughputShare, label, "grows with the work");
    }

    /// <summary>The rule by a warm run; <paramref name="why"/> says why there is no call.</summary>
    public static ExcessCall? ByWarmRun(double factor, double fCold, double pCold, double fWarm, double pWarm, string label, out string? why,
        double throughputShare = DefaultThroughputShare)
    {
        why = null;
        if (!(pCold > 0 && pWarm > 0 && fCold > 0 && fWarm >= 0)) { why = "the reruns gave no duration"; return null; }
        var r0 = fCold / pCold / factor;
        var excess = fCold - r0 * pCold;
        if (!(excess > 0)) { why = "no excess left in the reruns"; return null; }
        var share = (fWarm - r0 * pWarm) / pWarm / (excess / pCold);
        return Call(share, excess, throughputShare, label, "is still there when warm");
    }

    /// <summary>The rule by phases: fixed when the excess lies mostly in the load phase, else null (<paramref name="why"/>: the phases cannot tell).</summary>
    public static ExcessCall? ByPhases(double factor, double fTotal, double fExec, double pTotal, double pExec, string label, out string? why)
    {
        why = null;
        if (!(pTotal > 0 && fTotal > 0)) { why = "no phases to compare"; return null; }
        var r0 = fTotal / pTotal / factor;
        var excess = fTotal - r0 * pTotal;
        if (!(excess > 0)) { why = "no excess in the phases"; return null; }
        var share = (fExec - r0 * pExec) / excess;
        if (share >= DefaultThroughputShare) { why = "the excess lies in the execution phase"; return null; }
        return Call(share, excess, DefaultThroughputShare, label, "lies in the execution phase, the rest in loading");
    }

    private static ExcessCall Call(double share, double excess, double throughputShare, string label, string what)
    {
        var cls = share >= throughputShare ? ExcessClass.Throughput : ExcessClass.Fixed;
        var shown = Math.Clamp(double.IsFinite(share) ? share : 0, 0, 1);
        return new ExcessCall(cls, shown, excess, string.Create(CultureInfo.InvariantCulture, $"{label}; {shown * 100:0} % of the {excess:0.#} ms excess {what}"))
            { RawShare = share };
    }

    /// <summary>Bootstrap resamples of the share's interval.</summary>
    public const int Resamples = 1000;

    /// <summary>
    /// A rule applied to the reruns themselves rather than to their medians alone: <paramref name="rule"/> maps one median
    /// per list of <paramref name="samples"/> to a call; the call of the medians is the point, and each list resampled on
    /// its own <see cref="Resamples"/> times gives the 95 % percentile interval of its share. The class stands only when
    /// the whole interval lies on one side of <paramref name="throughputShare"/>; otherwise (or when more than a tenth of
    /// the resamples leave no excess) there is no call, <paramref name="why"/> says so with the interval, and
    /// <paramref name="interval"/> still holds it, so more reruns can narrow it. Without this a median of three reruns
    /// decided alone, and the same campaign was classed fixed, throughput and unknown on three tries (issue 22).
    /// </summary>
    public static ExcessCall? WithInterval(IReadOnlyList<double[]> samples, Func<double[], (ExcessCall? Call, string? Why)> rule,
        double throughputShare, long seed, out string? why, out (double Low, double High)? interval)
    {
        interval = null;
        var (point, pointWhy) = rule(samples.Select(Median).ToArray());
        if (point is null) { why = pointWhy; return null; }
        var rng = new SplitMix64(SplitMix64.Mix(seed, samples.Sum(s => s.Length)));
        var draws = new List<double>(Resamples);
        var medians = new double[samples.Count];
        for (var k = 0; k < Resamples; k++)
        {
            for (var i = 0; i < samples.Count; i++)
            {
                var s = samples[i];
                var r = new double[s.Length];
                for (var j = 0; j < r.Length; j++) r[j] = s[rng.NextInt(s.Length)];
                medians[i] = RobustStats.Median(r);
            }
            if (rule(medians).Call is { RawShare: var share } && double.IsFinite(share)) draws.Add(share);
        }
        if (draws.Count < Resamples * 0.9)
        {
            why = string.Create(CultureInfo.InvariantCulture, $"{point.Detail}; but {100 - draws.Count * 100 / Resamples} % of the resampled reruns leave no excess");
            return null;
        }
        var sorted = draws.ToArray();
        var lo = Math.Min(point.RawShare, RobustStats.Percentile(sorted, 0.025));
        var hi = Math.Max(point.RawShare, RobustStats.Percentile(sorted, 0.975));
        interval = (lo, hi);
        var span = string.Create(CultureInfo.InvariantCulture, $"95 % interval of the share {lo * 100:0}–{hi * 100:0} %");
        if (lo < throughputShare && hi >= throughputShare)
        {
            why = string.Create(CultureInfo.InvariantCulture, $"{point.Detail}; {span} straddles {throughputShare * 100:0} %");
            return null;
        }
        why = null;
        return point with
        {
            Class = lo >= throughputShare ? ExcessClass.Throughput : ExcessClass.Fixed,
            Detail = $"{point.Detail} ({span})",
            ShareLow = lo,
            ShareHigh = hi,
        };
    }

    private static double Median(double[] values) => RobustStats.Median(values.ToArray());
}
