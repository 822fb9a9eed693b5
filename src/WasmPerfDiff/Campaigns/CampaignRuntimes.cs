using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Where a campaign's runtimes come from: the one place that asks the runtime catalog.
/// </summary>
public static class CampaignRuntimes
{
    /// <summary>Resolves runtime configuration names (built-in or from the user's config file);
    /// none given = every available one. A named runtime that is not installed stays in the list:
    /// the scheduler records its cells as unsupported, so the validation matrix shows it.</summary>
    public static IReadOnlyList<IRuntime> Resolve(IReadOnlyList<string> names, string? configPath)
    {
        var runtimes = RuntimeCatalog.Load(configPath).Select(names);
        if (runtimes.Count == 0) throw new BadInputException("no runtime is available (see: wasm-perfdiff doctor)");
        return runtimes;
    }
}
