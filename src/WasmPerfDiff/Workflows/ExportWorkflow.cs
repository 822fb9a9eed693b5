using System.Text.Json;
using WasmPerfDiff.Exporters;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>Export formats: raw rows (csv, json: one per run) or a per-cell summary (md).</summary>
public enum ExportFormat { Csv, Json, Md }

/// <summary>What <c>export</c> asks for; no output file means standard output.</summary>
public sealed record ExportRequest(string Database, ExportFormat Format, string? OutPath);

/// <summary>Writes a campaign database in one of the export formats.</summary>
public static class ExportWorkflow
{
    public static void Write(ExportRequest request, TextWriter standardOutput)
    {
        if (request.OutPath is not null) Host.OutputPaths.PrepareFile(request.OutPath, "Out");
        Host.OutputPaths.RefuseSameFile([new(request.Database, "Database", "campaign database")], [new(request.OutPath, "Out", "export")]);
        using var store = CampaignStore.OpenReadOnly(request.Database);
        if (request.OutPath is null) Write(request.Format, store, standardOutput);
        else Host.OutputPaths.WriteText(request.OutPath, "Out", w => Write(request.Format, store, w));
    }

    private static void Write(ExportFormat format, CampaignStore store, TextWriter writer)
    {
        switch (format)
        {
            case ExportFormat.Csv:
                RunCsv.Write(writer, store.ReadRows());
                break;
            case ExportFormat.Json:
                writer.WriteLine(JsonSerializer.Serialize(ExportJsonDocument.From(store), WireJson.Document));
                break;
            default:
                // A compare's Markdown is its pull-request comment; any other campaign's is the per-cell summary.
                if (store.LocalCampaign() is { } c && Campaigns.CampaignSettings.FromJson(c.SettingsJson) is { Compare: { } compare } settings)
                    writer.Write(CompareMarkdown.Render(Analysis.CompareAnalysis.Analyze(store.ReadRows(c.Id).Select(r => r.Run).ToList(), compare, settings.Seed)));
                else CellSummaryMarkdown.Write(writer, store.ReadCaseRuns(), store.HoldsMeansOnly);
                break;
        }
        writer.Flush();
    }
}
