using System.Text.Json;
using System.Text.Json.Serialization;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Store;

/// <summary>Where a campaign row came from: run in this file, merged from a shard, or imported from WarpDiff.</summary>
public static class CampaignOrigin
{
    public const string Local = "local";
    public const string Shard = "shard";
    public const string WarpDiff = "warpdiff";
}

/// <summary>One campaign row (table <c>campaign</c>).</summary>
public sealed record CampaignRecord(
    string Id,
    string Origin,
    DateTimeOffset Created,
    string SettingsJson,
    long Seed,
    HostFingerprint Host)
{
    /// <summary>True when the runs are published means rather than single runs (WarpDiff import).</summary>
    public bool MeansOnly =>
        JsonDocument.Parse(SettingsJson).RootElement is { ValueKind: JsonValueKind.Object } root
        && root.TryGetProperty("means_only", out var m) && m.ValueKind == JsonValueKind.True;
}

/// <summary>A stored run with the campaign it belongs to; what export writes, one per line.</summary>
public sealed record RunRow(string CampaignId, Measurement.CaseRun Run);
