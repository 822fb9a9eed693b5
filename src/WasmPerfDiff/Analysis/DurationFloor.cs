using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// The one rule that decides whether a case's execution phase is long enough to rank (used by the analysis,
/// the report's heatmap and the simulated campaigns). A cell is <b>rankable</b> when its median m satisfies
/// <code>
///   m ≥ floor(cell) = max( δ(method) / ε_t ,  u / ε_s )
///   ε_t = ln(T) / 4,   ε_s = ln(T) / 2,   T = the verdict threshold (1.5 → ε_t = 0.101, ε_s = 0.203)
///   u   = √( se(runs)² + se(baseline runs)² ),   se(x) = 1.2533 · 1.4826 · MAD(x) / √n
/// </code>
/// A case is ranked when every cell clears the clock part (δ/ε_t) — a systematic clock error in one cell skews the
/// consensus of the whole case, which is how the old fixed floor worked — and a finding is reported only for a cell
/// that also clears the spread part (u/ε_s); a noisy cell still informs the fit through its median.
/// <list type="bullet">
/// <item><b>δ(method)</b> is the error of the clock that produced the phase, which no number of runs averages away
/// because it is largely systematic: guest markers and runner side channels read a µs clock in the process that
/// runs the code, plus the write of a marker line and a scheduler wake-up, δ = 0.05 ms; a baseline-subtracted phase
/// is the difference of two whole processes whose start costs need not cancel exactly (page cache, ASLR, the loader,
/// wake-up latency): δ = 1 ms, measured by <c>bench/baseline-delta</c>, which runs campaigns whose cases are baseline
/// modules, so each run − its paired baseline has true value 0. δ is the largest |median| of those differences of a
/// runtime (pooled over 4 modules; the offset of a cell median that no number of runs averages away), never below a
/// conservative 1 ms. Measured 2026-11-30 under load (load average 6–11 on 2 cores, 160 pairs per runtime): medians
/// +0.10 ms wasm3, −0.06 ms iwasm, −0.95 ms iwasm Fast JIT, −0.04 ms WasmEdge interpreter (95 % CIs of the medians
/// within −2.34…+0.47 ms), so δ = max(1, 0.95) = 1 ms; single differences scatter far more (95 % within −25…+17 ms),
/// which is the cell's own spread and enters through u below; a whole-process wall time holds process start, runtime initialisation and teardown
/// (5–50 ms per runtime), of which the part that differs between runtimes is at least δ = 10 ms.</item>
/// <item><b>ε_t</b>: a quarter of the log-distance from "as expected" (factor 1) to the threshold, so a clock error at
/// the floor can move a factor by at most a quarter of the way to a verdict. With δ = 10 ms it reproduces the earlier
/// fixed 100 ms floor for wall times (99 ms); markers give 0.5 ms, baseline subtraction ≈ 10 ms plus its spread.</item>
/// <item><b>u / ε_s</b>: the cell's own precision. se is the large-sample standard error of a median (π/2 variance
/// factor, √(π/2) = 1.2533) with the normal-consistent MAD (1.4826) as the scale; the baseline's se adds in quadrature
/// as the two are independent. A 95 % interval is ±2 se, so when 2·u/m exceeds ln(T) (u ≥ ε_s·m) the interval is wider
/// than the whole margin between 1 and T and no run count the campaign made can decide the cell: it is left out
/// rather than ranked by noise.</item>
/// </list>
/// An explicit <c>--floor-ms</c> replaces the rule by the old one: a case is ranked when its fastest cell's median ≥ the floor.
/// </summary>
public static class DurationFloor
{
    /// <summary>Clock error δ of a phase measured by <paramref name="method"/>, in ms (see the class notes for why each value).</summary>
    public static double ResolutionMs(PhaseMethod method) => method switch
    {
        PhaseMethod.Markers or PhaseMethod.SideChannel => 0.05,
        PhaseMethod.Baseline => 1.0,
        _ => 10.0,
    };

    /// <summary>ε_t of the rule: the relative clock error a verdict at <paramref name="threshold"/> tolerates.</summary>
    public static double ClockTolerance(double threshold) => Math.Log(threshold) / 4;

    /// <summary>ε_s of the rule: the relative standard error of a cell median beyond which no verdict is possible.</summary>
    public static double SpreadTolerance(double threshold) => Math.Log(threshold) / 2;

    /// <summary>Standard error of the median of <paramref name="runs"/> (ms): 1.2533 · scaled MAD / √n; 0 for fewer than 2 runs.</summary>
    public static double MedianStandardError(ReadOnlySpan<double> runs)
    {
        if (runs.Length < 2) return 0;
        var copy = runs.ToArray();
        var median = RobustStats.Median(copy);
        var mad = RobustStats.ScaledMad(runs, median, new double[runs.Length]);
        return 1.2533 * mad / Math.Sqrt(runs.Length);
    }

    /// <summary>The floor (ms) of one cell under the rule.</summary>
    public static double CellFloorMs(ReadOnlySpan<double> runs, double[]? baseline, PhaseMethod method, double threshold)
    {
        var se = MedianStandardError(runs);
        var seBase = baseline is null ? 0 : MedianStandardError(baseline);
        var u = Math.Sqrt(se * se + seBase * seBase);
        return Math.Max(ResolutionMs(method) / ClockTolerance(threshold), u / SpreadTolerance(threshold));
    }

    /// <summary>The floor of every cell of <paramref name="table"/> (index c·R + r).</summary>
    public static double[] CellFloors(CellTable table, double threshold)
    {
        var floors = new double[table.Samples.Length];
        for (var i = 0; i < floors.Length; i++)
            floors[i] = CellFloorMs(table.Samples[i], table.Baselines[i], table.Methods[i], threshold);
        return floors;
    }

    /// <summary>
    /// Which cases are ranked and which cells are rankable. By the rule: a case is ranked when every one of its cells
    /// clears the clock part (δ/ε_t: a clock error is systematic, so one cell dominated by it skews the whole case's
    /// consensus), and a cell of a ranked case is rankable when it also clears the spread part (u/ε_s: only its own
    /// verdict is undecidable, its median still informs the fit). Findings of an unrankable cell are not reported.
    /// With <paramref name="floorMsOverride"/>: a case is ranked when its fastest cell's median reaches that fixed
    /// floor, and every cell of a ranked case is rankable.
    /// </summary>
    public static (List<int> Cases, bool[] Cells) Rankable(CellTable table, double[] medians, double threshold, double? floorMsOverride)
    {
        var kept = new List<int>();
        var rt = table.RuntimeCount;
        var cells = new bool[medians.Length];
        var clock = ClockTolerance(threshold);
        var spread = SpreadTolerance(threshold);
        for (var c = 0; c < table.CaseCount; c++)
        {
            var ok = true;
            var fastest = double.PositiveInfinity;
            for (var r = 0; r < rt; r++)
            {
                var i = c * rt + r;
                fastest = Math.Min(fastest, medians[i]);
                if (!(medians[i] >= ResolutionMs(table.Methods[i]) / clock)) ok = false;
            }
            if (floorMsOverride is double fixedFloor) ok = fastest >= fixedFloor;
            if (!ok) continue;
            kept.Add(c);
            for (var r = 0; r < rt; r++)
            {
                var i = c * rt + r;
                if (floorMsOverride is not null) { cells[i] = true; continue; }
                var se = MedianStandardError(table.Samples[i]);
                var seBase = table.Baselines[i] is { } b ? MedianStandardError(b) : 0;
                cells[i] = medians[i] >= Math.Sqrt(se * se + seBase * seBase) / spread;
            }
        }
        return (kept, cells);
    }

    /// <summary>The cases <see cref="Rankable"/> ranks.</summary>
    public static List<int> RankableCases(CellTable table, double[] medians, double threshold, double? floorMsOverride) =>
        Rankable(table, medians, threshold, floorMsOverride).Cases;

    /// <summary>Whether one simulated or single cell with a clean duration <paramref name="ms"/> measured by
    /// <paramref name="method"/> clears the clock part of the rule (no runs to judge the spread by).</summary>
    public static bool ClearsClock(double ms, PhaseMethod method, double threshold) =>
        ms >= ResolutionMs(method) / ClockTolerance(threshold);
}
