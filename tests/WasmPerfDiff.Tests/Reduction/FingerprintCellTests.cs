using WasmPerfDiff.Analysis;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary><c>reduce --constructs</c>: the target's fingerprint cell of the reduced program's dominant construct, and how ISSUE.md shows it.</summary>
public class FingerprintCellTests
{
    private static FingerprintCell Cell(string construct, string opcodeClass, string runtime, double? relative, double low, double high, string? missing = null) =>
        new(construct, opcodeClass, runtime, relative is null ? null : 1.0, relative, relative is null ? null : low, relative is null ? null : high, 12, missing)
        {
            Basis = FingerprintBasis.Peer, Peer = "wasm3", Peers = 1,
        };

    private static readonly ConstructFingerprint Fingerprint = new(["call-indirect-mono", "call-indirect-poly", "popcnt"], ["slow-popcnt", "wasm3"],
    [
        Cell("call-indirect-mono", "call_indirect", "slow-popcnt", 1.3, 1.1, 1.5),
        Cell("call-indirect-poly", "call_indirect", "slow-popcnt", 2.4, 2.0, 2.9),
        Cell("call-indirect-poly", "call_indirect", "wasm3", 5.0, 4.0, 6.0),
        Cell("popcnt", "i64.popcnt", "slow-popcnt", null, 0, 0, missing: "unsupported"),
    ]);

    [Fact]
    public void The_slowest_family_of_the_construct_on_the_target_speaks_for_it()
    {
        var construct = new DominantConstruct("call_indirect", 0.4, ["call-indirect-mono", "call-indirect-poly"], null);
        var cell = construct.CellIn(Fingerprint, "slow-popcnt");
        Assert.Equal(("call-indirect-poly", "slow-popcnt", 2.4), (cell!.Construct, cell.Runtime, cell.Relative));
    }

    [Fact]
    public void A_missing_cell_or_a_runtime_the_fingerprint_lacks_gives_none()
    {
        Assert.Null(new DominantConstruct("i64.popcnt", 0.3, ["popcnt"], null).CellIn(Fingerprint, "slow-popcnt"));
        Assert.Null(new DominantConstruct("call_indirect", 0.4, [], null).CellIn(Fingerprint, "v8-liftoff"));
    }

    [Fact]
    public void The_issue_shows_the_cell_in_its_construct_section_escaped()
    {
        var cell = Cell("call-indirect-poly", "call_indirect", "slow|popcnt*", 2.4, 2.0, 2.9);
        var summary = ReductionSamples.Summary("methcall", opcodeClass: "call_indirect") with { FingerprintCell = cell };
        var issue = IssueMarkdown.Render(summary);
        var construct = issue[issue.IndexOf("## Construct", StringComparison.Ordinal)..];
        Assert.Contains(@"| slow\|popcnt\* | call-indirect-poly (call\_indirect) | ×2.40 | [2.00, 2.90] | 12 | its closest peer (wasm3) |", construct);
        Assert.Contains("the construct alone is slow", construct);
    }

    [Fact]
    public void A_cell_whose_interval_reaches_below_the_bar_is_shown_as_not_settling_it()
    {
        var summary = ReductionSamples.Summary("methcall", opcodeClass: "call_indirect") with
        {
            FingerprintCell = Cell("call-indirect-mono", "call_indirect", "slow-popcnt", 1.3, 1.1, 1.5),
        };
        Assert.Contains("does not show slow-popcnt to be slow", IssueMarkdown.Render(summary));
    }

    [Fact]
    public void Without_a_cell_the_issue_has_no_fingerprint_table() =>
        Assert.DoesNotContain("fingerprint", IssueMarkdown.Render(ReductionSamples.Summary("methcall")));
}
