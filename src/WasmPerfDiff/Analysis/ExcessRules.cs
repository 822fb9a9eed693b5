using System.Globalization;

namespace WasmPerfDiff.Analysis;

/// <summary>A finding's excess told apart (<see cref="ExcessRules"/>): the class, the share of the excess that grows
/// with the work (clamped to 0–1 for display), the excess in ms at the case's own size, and the evidence in words.</summary>
public sealed record ExcessCall(ExcessClass Class, double Share, double ExcessMs, string Detail);

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
        return new ExcessCall(cls, shown, excess, string.Create(CultureInfo.InvariantCulture, $"{label}; {shown * 100:0} % of the {excess:0.#} ms excess {what}"));
    }
}
