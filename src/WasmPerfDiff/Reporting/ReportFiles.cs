namespace WasmPerfDiff.Reporting;

/// <summary>Where a report was written: full paths of the HTML and (optional) Markdown files and the database.</summary>
public sealed record ReportFiles(string Html, string? Markdown, string Database);
