namespace WasmPerfDiff.Reporting;

/// <summary>Where a report was written: full paths of the HTML and (optional) Markdown files and the database.</summary>
public sealed record ReportFiles(string Html, string? Markdown, string Database)
{
    public static ReportFiles Write(ReportModel model, string html, string? markdown, string database)
    {
        var htmlPath = Path.GetFullPath(html);
        HtmlReportWriter.Write(model, htmlPath);
        string? mdPath = null;
        if (markdown != null)
        {
            mdPath = Path.GetFullPath(markdown);
            MarkdownReportWriter.Write(model, mdPath);
        }
        return new ReportFiles(htmlPath, mdPath, Path.GetFullPath(database));
    }
}
