using WasmPerfDiff.Analysis;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Reporting.Charts;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>
/// Explanations rest on evidence (issue 22, item 15): a fingerprint cell explains a finding only when its whole 95 %
/// interval clears ×1.2 and its construct is a real part of the module's mix; the heatmap shows every interval and marks
/// the undecided cells.
/// </summary>
public class ExplanationEvidenceTests
{
    private static FingerprintCell Cell(string construct, string opcodeClass, double relative, double lo, double hi) =>
        new(construct, opcodeClass, "slowrt", 2.0, relative, lo, hi, 5) { Basis = FingerprintBasis.Peer, Peer = "peer", Peers = 1 };

    private static readonly ConstructFingerprint Fingerprint = new(
        ["call-indirect-mono", "select", "i32-rem-const"], ["slowrt"],
        [
            Cell("call-indirect-mono", "call_indirect", 3.79, 0.10, 5.76), // the cell: a wide interval that decides nothing
            Cell("select", "select", 2.0, 1.5, 2.6),                        // slow beyond noise, but a sliver of the module
            Cell("i32-rem-const", "i32.rem by constant", 1.8, 1.4, 2.2),    // slow beyond noise and a large part of the module
        ]);

    private static readonly OpcodeProfile Module = new(1000, new Dictionary<string, double>
    {
        ["call_indirect"] = 300, ["select"] = 3, ["i32.rem by constant"] = 200,
    }, 10, 0);

    [Fact]
    public void Only_a_cell_whose_interval_clears_the_threshold_and_whose_construct_is_a_real_share_explains_a_finding()
    {
        var explanations = ConstructExplanations.Explain("sieve", "slowrt", Module, Fingerprint);
        var only = Assert.Single(explanations);
        Assert.Equal("i32-rem-const", only.Construct);
        Assert.Contains("95 % CI 1.4–2.2", only.Text);
    }

    [Fact]
    public void Undecided_cells_are_told_apart_from_slow_ones()
    {
        Assert.True(Fingerprint.Cell("call-indirect-mono", "slowrt")!.IsUndecided(ConstructExplanations.MinRelative));
        Assert.False(Fingerprint.Cell("call-indirect-mono", "slowrt")!.IsSlow(ConstructExplanations.MinRelative));
        Assert.True(Fingerprint.Cell("select", "slowrt")!.IsSlow(ConstructExplanations.MinRelative));
        Assert.False(Fingerprint.Cell("select", "slowrt")!.IsUndecided(ConstructExplanations.MinRelative));
    }

    [Fact]
    public void The_construct_heatmap_shows_each_interval_and_hatches_an_undecided_cell()
    {
        var map = new ConsensusSummary(["call-indirect-mono", "select"], ["slowrt"], [1.0], [[Math.Log(3.79)], [Math.Log(2.0)]], new HashSet<string>());
        var plain = HeatmapChart.Svg(map, "chart-constructs", "constructs");
        var withIntervals = HeatmapChart.Svg(map, "chart-constructs", "constructs",
            [[new CellInterval(0.10, 5.76, Undecided: true)], [new CellInterval(1.5, 2.6, Undecided: false)]]);

        Assert.Contains("0.1–5.76", withIntervals);
        Assert.Contains("1.5–2.6", withIntervals);
        Assert.Contains("3.79×?", withIntervals);
        Assert.Contains("2×", withIntervals);
        Assert.DoesNotContain("2×?", withIntervals);
        // The hatch: three more strokes than the plain map has (one undecided cell).
        Assert.Equal(Count(plain, "<path") + 3, Count(withIntervals, "<path"));
    }

    private static int Count(string s, string what) => (s.Length - s.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
