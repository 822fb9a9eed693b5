using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Where a campaign's runtimes come from: the one place that knows the runtime catalog.
/// </summary>
public static class CampaignRuntimes
{
    /// <summary>Resolves runtime configuration names; none given = every available one.</summary>
    public static IReadOnlyList<IRuntime> Resolve(IReadOnlyList<string> names)
    {
        // Wired to the runtime catalog once it lands in main.
        throw new UsageException("no runtime catalog in this build");
    }
}
