using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>ISSUE.md's "Where the time goes": the differential flame graph linked, or one line saying why there is none.</summary>
public class IssueFlameGraphTests
{
    private static string Section(string issue) => issue[issue.IndexOf("## Where the time goes", StringComparison.Ordinal)..];

    [Fact]
    public void A_flame_graph_is_linked_with_what_to_mind()
    {
        var issue = IssueMarkdown.Render(ReductionSamples.Summary("small") with { FlameGraph = "flame-diff.svg", FlameGraphNote = "wasm3's profile: an interpreter" });
        var section = Section(issue);
        Assert.Contains("[Differential flame graph](flame-diff.svg)", section);
        Assert.Contains("`profile/`", section);
        Assert.Contains("Mind: wasm3's profile: an interpreter.", section);
    }

    [Fact]
    public void Without_one_the_issue_says_why_in_one_escaped_line()
    {
        var issue = IssueMarkdown.Render(ReductionSamples.Summary("small") with { FlameGraphNote = "no flame graph: perf may not sample here: run as *root*." });
        var lines = Section(issue).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(@"No flame graph: perf may not sample here: run as \*root\*.", lines[1]);
        Assert.DoesNotContain("flame-diff.svg", issue);
    }
}
