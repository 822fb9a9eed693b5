using WasmPerfDiff.Exporters;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>export</c> asks for; no output file means standard output.</summary>
public sealed record ExportRequest(string Database, ExportFormat Format, string? OutPath);

/// <summary>Writes a campaign database in one of the export formats, through the exporter <see cref="ExportFormats"/> picks.</summary>
public static class ExportWorkflow
{
    public static void Write(ExportRequest request, TextWriter standardOutput)
    {
        if (request.OutPath is not null) Host.OutputPaths.PrepareFile(request.OutPath, "Out");
        Host.OutputPaths.RefuseSameFile([new(request.Database, "Database", "campaign database")], [new(request.OutPath, "Out", "export")]);
        CampaignExport data;
        using (var store = CampaignStore.OpenReadOnly(request.Database))
            data = new CampaignExport(store.Campaigns(), store.ReadRows(), store.HoldsMeansOnly,
                request.Format == ExportFormat.Md ? CompareOf(store) : null); // only the Markdown shows a compare's verdicts
        var exporter = ExportFormats.For(request.Format);
        if (request.OutPath is null)
        {
            exporter.Write(standardOutput, data);
            standardOutput.Flush();
        }
        else Host.OutputPaths.WriteText(request.OutPath, "Out", w => exporter.Write(w, data));
    }

    /// <summary>The verdicts of the file's own campaign when it is a compare, else null.</summary>
    private static Analysis.CompareSummary? CompareOf(CampaignStore store) =>
        store.LocalCampaign() is { } c && Campaigns.CampaignSettings.FromJson(c.SettingsJson) is { Compare: { } compare } settings
            ? Analysis.CompareAnalysis.Analyze(store.ReadRows(c.Id).Select(r => r.Run).ToList(), compare, settings.Seed)
            : null;
}
