using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary><c>reduce --top N</c>'s duplicate groups: one per (target runtime, dominant construct of the reduced program).</summary>
public class ReductionGroupsTests
{
    [Fact]
    public void Two_reductions_to_the_same_construct_on_the_same_runtime_are_one_group()
    {
        var groups = ReductionGroups.Of([ReductionSamples.Summary("sha256"), ReductionSamples.Summary("popcount")]);
        var group = Assert.Single(groups);
        Assert.Equal(("slow-popcnt", "i64.popcnt"), (group.Runtime, group.Construct));
        Assert.Equal(["sha256", "popcount"], group.Cases);
    }

    [Fact]
    public void A_different_construct_or_runtime_is_a_group_of_its_own()
    {
        var groups = ReductionGroups.Of([
            ReductionSamples.Summary("sha256"),
            ReductionSamples.Summary("methcall", opcodeClass: "call_indirect"),
            ReductionSamples.Summary("popcount", target: "v8-liftoff"),
        ]);
        Assert.Equal([("slow-popcnt", "i64.popcnt"), ("slow-popcnt", "call_indirect"), ("v8-liftoff", "i64.popcnt")],
            groups.Select(g => (g.Runtime, g.Construct)));
        Assert.All(groups, g => Assert.Single(g.Cases));
    }

    [Fact]
    public void A_finding_that_did_not_reproduce_joins_no_group()
    {
        var groups = ReductionGroups.Of([
            ReductionSamples.Summary("sha256"),
            ReductionSamples.Summary("popcount", end: ReductionEnd.NotReproduced),
        ]);
        Assert.Equal(["sha256"], Assert.Single(groups).Cases);
    }

    [Fact]
    public void A_reduced_module_without_a_construct_groups_as_unknown()
    {
        var groups = ReductionGroups.Of([ReductionSamples.Summary("a", opcodeClass: null), ReductionSamples.Summary("b", opcodeClass: null)]);
        Assert.Equal(ReductionGroups.UnknownConstruct, Assert.Single(groups).Construct);
    }
}
