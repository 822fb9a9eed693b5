using System.Text.Json;
using WasmPerfDiff.Exporters.Documents;

namespace WasmPerfDiff.Exporters;

/// <summary>Raw rows as one JSON document: the campaigns of the file (with settings and hosts) and every run.</summary>
public sealed class RunJson : IExporter<CampaignExport>
{
    public string Format => ExportFormat.Json.ToWire();
    public string Extension => ".json";

    public void Write(TextWriter writer, CampaignExport data) =>
        writer.WriteLine(JsonSerializer.Serialize(ExportJsonDocument.From(data.Campaigns, data.Rows), WireJson.Document));
}
