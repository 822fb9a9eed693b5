namespace WasmPerfDiff.Runtimes;

/// <summary>A runtime configuration as a campaign records it (table <c>runtime</c> of the store).</summary>
public sealed record RuntimeRecord(string Name, string Engine, string Tier, string? Version, string Command);
