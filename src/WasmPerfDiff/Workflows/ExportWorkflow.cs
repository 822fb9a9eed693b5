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
        using var store = CampaignStore.OpenExisting(request.Database);
        using var writer = request.OutPath is null ? standardOutput : new StreamWriter(request.OutPath);
        switch (request.Format)
        {
            case ExportFormat.Csv:
                RunCsv.Write(writer, store.ReadRows());
                break;
            case ExportFormat.Json:
                writer.WriteLine(JsonSerializer.Serialize(ExportJsonDocument.From(store), WireJson.Document));
                break;
            default:
                CellSummaryMarkdown.Write(writer, store.ReadCaseRuns(), store.HoldsMeansOnly);
                break;
        }
        writer.Flush();
    }
}
