using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Tests.Analysis;

public sealed class DurationFloorTests
{
    private static double[] Runs(double ms, double spread) => [ms * (1 - spread), ms, ms * (1 + spread), ms * (1 - spread / 2), ms * (1 + spread / 2)];

    [Fact]
    public void A_10_ms_phase_is_rankable_when_measured_in_process_or_by_baseline_but_not_as_a_wall_time()
    {
        Assert.True(10 >= DurationFloor.CellFloorMs(Runs(10, 0.02), null, PhaseMethod.Markers, 1.5));
        Assert.True(10 >= DurationFloor.CellFloorMs(Runs(10, 0.02), null, PhaseMethod.SideChannel, 1.5));
        Assert.True(12 >= DurationFloor.CellFloorMs(Runs(12, 0.02), null, PhaseMethod.Baseline, 1.5));
        Assert.False(10 >= DurationFloor.CellFloorMs(Runs(10, 0.02), null, PhaseMethod.Wall, 1.5));
        // The wall-time floor is the old fixed 100 ms, now derived: δ = 10 ms over ε_t = ln(1.5)/4.
        Assert.InRange(DurationFloor.CellFloorMs(Runs(100, 0), null, PhaseMethod.Wall, 1.5), 98, 100);
    }

    [Fact]
    public void A_cell_whose_runs_scatter_wider_than_the_verdict_margin_is_not_rankable()
    {
        Assert.True(50 >= DurationFloor.CellFloorMs(Runs(50, 0.05), null, PhaseMethod.Markers, 1.5));
        Assert.False(50 >= DurationFloor.CellFloorMs(Runs(50, 0.6), null, PhaseMethod.Markers, 1.5));
        // An unpaired baseline's own spread counts too.
        Assert.False(50 >= DurationFloor.CellFloorMs(Runs(50, 0.02), Runs(40, 0.9), PhaseMethod.Baseline, 1.5));
    }

    [Fact]
    public void A_case_is_ranked_when_every_cell_clears_its_clock_and_a_noisy_cell_only_loses_its_own_findings()
    {
        // 3 cases × 3 runtimes; case 1's cell on runtime 2 is a 2 ms wall time (below its 99 ms clock floor),
        // case 2's cell on runtime 0 scatters by ±60 %.
        string[] cases = ["a", "b", "c"], runtimes = ["x", "y", "z"];
        var samples = new double[9][];
        var methods = new PhaseMethod[9];
        for (var i = 0; i < 9; i++) (samples[i], methods[i]) = (Runs(20 + i, 0.01), PhaseMethod.Markers);
        (samples[5], methods[5]) = (Runs(2, 0.01), PhaseMethod.Wall);
        samples[6] = Runs(26, 0.6);
        var table = new CellTable(cases, runtimes, samples, 0, 0, methods);
        var medians = DifferentialAnalysis.CellMedians(table);
        var (ranked, cells) = DurationFloor.Rankable(table, medians, 1.5, null);
        Assert.Equal([0, 2], ranked);
        Assert.False(cells[3] || cells[4] || cells[5]);
        Assert.False(cells[6]);
        Assert.True(cells[7] && cells[8]);
        // A fixed floor ranks the cases whose fastest cell reaches it: only case c (26 ms) at 25 ms.
        Assert.Equal([2], DurationFloor.RankableCases(table, medians, 1.5, 25));
    }
}
