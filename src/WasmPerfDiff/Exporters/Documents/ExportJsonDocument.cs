using System.Text.Json;
using WasmPerfDiff.Host;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>export --format json</c>: the campaigns of the file (with settings and hosts) and every run.</summary>
public sealed record ExportJsonDocument(IReadOnlyList<ExportJsonDocument.CampaignEntry> Campaigns, IEnumerable<ExportRow> Runs)
{
    public sealed record CampaignEntry(string Id, string Origin, DateTimeOffset Created, JsonElement Settings, long Seed, HostEntry Host, bool MeansOnly);

    public sealed record HostEntry(string CpuModel, int Cores, string Kernel, string Os, string ToolVersion)
    {
        public static HostEntry From(HostFingerprint h) => new(h.CpuModel, h.Cores, h.Kernel, h.Os, h.ToolVersion);
    }

    public static ExportJsonDocument From(IReadOnlyList<CampaignRecord> campaigns, IEnumerable<RunRow> rows) => new(
        campaigns.Select(c => new CampaignEntry(c.Id, c.Origin, c.Created, JsonDocument.Parse(c.SettingsJson).RootElement, c.Seed, HostEntry.From(c.Host), c.MeansOnly)).ToList(),
        rows.Select(ExportRow.From));
}
