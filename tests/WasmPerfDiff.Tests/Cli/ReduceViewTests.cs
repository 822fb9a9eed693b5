using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Tests.Reduction;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Tests.Cli;

/// <summary>How reduce shows <c>--top</c>'s groups: a console line per group of duplicates, every group in the JSON with whether it is one.</summary>
public class ReduceViewTests
{
    private static ReduceResult Result()
    {
        var reductions = new[]
        {
            ReductionSamples.Summary("pop-a"), ReductionSamples.Summary("pop-b"), ReductionSamples.Summary("methcall", opcodeClass: "call_indirect"),
        };
        return new ReduceResult(reductions, ReductionGroups.Of(reductions));
    }

    [Fact]
    public void The_console_names_each_group_of_duplicates_once()
    {
        var line = Assert.Single(ReduceView.DuplicateLines(Result()));
        Assert.Equal("likely one root cause: pop-a, pop-b reduce to i64.popcnt on slow-popcnt", line);
    }

    [Fact]
    public void The_json_lists_every_group_and_marks_the_duplicates()
    {
        var groups = ReduceView.Document(Result()).Groups;
        Assert.Equal([("i64.popcnt", true), ("call_indirect", false)], groups.Select(g => (g.Construct, g.Duplicates)));
        Assert.Equal(["pop-a", "pop-b"], groups[0].Cases);
    }
}
