using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// What <c>run</c> asks for: a fresh campaign with <see cref="Settings"/> (its seed, corpus and config
/// completed here), or the resumption of the one stored in <see cref="Database"/> with its stored settings
/// and only a new time budget (<see cref="CampaignSettings.MaxTime"/> of <see cref="Settings"/>).
/// </summary>
public sealed record CampaignRequest
{
    public required string Database { get; init; }
    public bool Resume { get; init; }
    public CampaignSettings Settings { get; init; } = new();
    public long? Seed { get; init; }
    public string? CorpusDirectory { get; init; }
    /// <summary>The runtime config file named by the user, if any (else the usual search).</summary>
    public string? ConfigPath { get; init; }
}

/// <summary>How a campaign session went: its settings, its end and the validation matrix of everything stored.</summary>
public sealed record CampaignResult(string Database, CampaignSettings Settings, CampaignOutcome Outcome, ValidationMatrix Matrix)
{
    /// <summary>Finished, every cell ok and every output as expected.</summary>
    public bool Clean => Outcome.End == CampaignEnd.Completed && !Matrix.Failed.Any() && !Matrix.Divergent.Any();
}

/// <summary>
/// Runs a campaign into its database: the one place where the scheduler meets the store and the analysis's
/// stopping rule. Fresh and resumed campaigns (and the demo's) all go through <see cref="Execute"/>.
/// </summary>
public static class CampaignWorkflow
{
    public static async Task<CampaignResult> RunAsync(CampaignRequest request, IProgress<CampaignProgress>? progress, CancellationToken ct)
    {
        using var store = request.Resume ? CampaignStore.OpenExisting(request.Database) : CampaignStore.Open(request.Database);
        var settings = request.Resume
            ? StoredSettings(store) with { MaxTime = request.Settings.MaxTime }
            : request.Settings.Completed(request.Seed, request.CorpusDirectory, request.ConfigPath);
        return await Execute(store, settings, request.Resume, request.ConfigPath, progress, ct);
    }

    /// <summary>Runs (or continues) the campaign of <paramref name="store"/> with complete settings.</summary>
    public static async Task<CampaignResult> Execute(CampaignStore store, CampaignSettings settings, bool resume, string? configPath,
        IProgress<CampaignProgress>? progress, CancellationToken ct)
    {
        settings.Validate();
        var cases = CampaignCases.For(settings);
        var runtimes = CampaignRuntimes.Resolve(settings.Runtimes, configPath ?? settings.Config);
        var scheduler = new CampaignScheduler(store, settings, VerdictStoppingRule.ForCampaign(settings));
        var outcome = await scheduler.RunAsync(cases, runtimes, resume, progress, ct);
        var matrix = ValidationMatrix.Build(cases, runtimes.Select(r => r.Name).ToList(), store.ReadRows(outcome.CampaignId).Select(r => r.Run));
        return new CampaignResult(store.Path, settings, outcome, matrix);
    }

    private static CampaignSettings StoredSettings(CampaignStore store) =>
        CampaignSettings.FromJson((store.LocalCampaign() ?? throw new BadInputException($"'{store.Path}' holds no campaign to resume")).SettingsJson);
}
