using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Tests.Reporting;

[Collection(ReportCampaignCollection.Name)]
public class MarkdownReportTests(ReportCampaignFixture campaign)
{
    [Fact]
    public void Markdown_has_summary_runtimes_and_failures_with_names_escaped()
    {
        var model = WasmPerfDiff.Workflows.ReportAssembly.Build(campaign.Db, new ReportOptions { FloorMs = 0 });
        var md = MarkdownReportWriter.Render(model);
        Assert.Contains($"**4 cases × {campaign.Runtimes.Count} runtimes, {model.Counts.Runs} runs**", md);
        Assert.Contains("### Runtimes", md);
        foreach (var rt in campaign.Runtimes)
            Assert.Contains($"| {MarkdownText.Escape(rt)} |", md);
        Assert.Contains("### Top execution findings", md);
        // The failing case is listed, escaped: no raw tag for a tracker to render.
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", md);
        Assert.DoesNotContain("<script>", md);
        // Every table row has the same number of cells as its header: no name broke a row.
        foreach (var table in md.Split("\n\n").Where(b => b.StartsWith('|')))
        {
            var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            static int Pipes(string row) => row.Replace("\\|", "").Count(ch => ch == '|');
            Assert.All(rows, r => Assert.Equal(Pipes(rows[0]), Pipes(r)));
        }
    }

    [Fact]
    public void Escaping_neutralises_table_and_markup_characters()
    {
        Assert.Equal("a\\|b &lt;i&gt; \\*x\\* \\`y\\` c", MarkdownText.Escape("a|b <i> *x* `y`\nc"));
    }
}
