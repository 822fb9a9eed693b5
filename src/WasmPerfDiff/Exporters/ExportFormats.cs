namespace WasmPerfDiff.Exporters;

/// <summary>The exporter of each <see cref="ExportFormat"/>: the one place a format is turned into a writer.</summary>
public static class ExportFormats
{
    private static readonly IReadOnlyDictionary<ExportFormat, IExporter<CampaignExport>> ByFormat = new Dictionary<ExportFormat, IExporter<CampaignExport>>
    {
        [ExportFormat.Csv] = new RunCsv(),
        [ExportFormat.Json] = new RunJson(),
        [ExportFormat.Md] = new CampaignMarkdown(),
    };

    public static IExporter<CampaignExport> For(ExportFormat format) => ByFormat[format];
}
