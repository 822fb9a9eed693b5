using WasmPerfDiff.Exporters;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Campaigns;

namespace WasmPerfDiff.Tests.Exporters;

/// <summary>Exports are escaped for their format: names from manifests and imports cannot break a table or become a formula.</summary>
public class ExportEscapingTests
{
    private static CaseRun Run(string name, string runtime) => new(name, 1, FakeRuntime.Ok(runtime, 10));

    [Fact]
    public void Csv_text_cells_that_a_spreadsheet_would_run_as_formulas_get_a_leading_quote()
    {
        foreach (var evil in new[] { "=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx" })
            Assert.Equal("'" + evil, RunCsv.Neutralise(evil));
        Assert.Equal("fib", RunCsv.Neutralise("fib"));

        var w = new StringWriter();
        RunCsv.Write(w, [new RunRow("c", Run("=cmd|' /C calc'!A0", "rt"))]);
        var row = w.ToString().Split('\n')[1];
        Assert.Contains("'=cmd|' /C calc'!A0", row);
        Assert.DoesNotContain(",=cmd", row);
    }

    [Fact]
    public void Markdown_summary_keeps_pipes_newlines_and_html_as_text()
    {
        var w = new StringWriter();
        CellSummaryMarkdown.Write(w, [Run("a|b\nc<script>alert(1)</script>", "rt")]);
        var lines = w.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length); // header, rule, one row: the newline did not split the row
        Assert.DoesNotContain("<script>", lines[2]);
        Assert.Equal(7, lines[2].Replace("\\|", "").Trim('|', ' ').Split(" | ").Length); // seven cells, as the header
        Assert.Contains("a\\|b", lines[2]);
    }
}
