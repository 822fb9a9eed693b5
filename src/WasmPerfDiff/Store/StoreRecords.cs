using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmPerfDiff.Store;

/// <summary>A runtime configuration as the store keeps it (table <c>runtime</c>).</summary>
public sealed record RuntimeRecord(string Name, string Engine, string Tier, string? Version, string Command);

/// <summary>
/// A benchmark case as the store keeps it (table <c>case</c>) and as the scheduler runs it:
/// the module, its guest arguments and stdin, and the output hash it must produce when known.
/// </summary>
public sealed record CaseRecord(
    string Name,
    string Suite,
    string WasmPath,
    string WasmSha256,
    IReadOnlyList<string> Args,
    string? StdinPath = null,
    string? ExpectedStdoutSha256 = null,
    string SizeName = "default");

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

/// <summary>JSON options of everything the store writes as JSON (settings, argument lists).</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
