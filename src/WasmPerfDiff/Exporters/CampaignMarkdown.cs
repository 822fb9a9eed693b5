namespace WasmPerfDiff.Exporters;

/// <summary><c>export --format md</c>: a compare's pull-request comment, any other campaign's per-cell summary.</summary>
public sealed class CampaignMarkdown : IExporter<CampaignExport>
{
    public string Format => ExportFormat.Md.ToWire();
    public string Extension => ".md";

    public void Write(TextWriter writer, CampaignExport data)
    {
        if (data.Compare is { } compare) new CompareMarkdown().Write(writer, compare);
        else new CellSummaryMarkdown().Write(writer, data);
    }
}
