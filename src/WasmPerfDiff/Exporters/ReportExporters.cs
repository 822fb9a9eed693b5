using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Exporters;

/// <summary>The report as one self-contained HTML page; links to flame graphs are made relative to <paramref name="directory"/>.</summary>
public sealed class HtmlReport(string? directory) : IExporter<ReportModel>
{
    public string Format => "html";
    public string Extension => ".html";
    public void Write(TextWriter writer, ReportModel data) => writer.Write(HtmlReportWriter.Render(data, directory));
}

/// <summary>The report as Markdown short enough for an issue.</summary>
public sealed class MarkdownReport : IExporter<ReportModel>
{
    public string Format => "md";
    public string Extension => ".md";
    public void Write(TextWriter writer, ReportModel data) => writer.Write(MarkdownReportWriter.Render(data));
}
