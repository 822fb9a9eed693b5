using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// What <c>run</c> asks for: a fresh campaign with <see cref="Settings"/> (its seed, corpus and config
/// completed here), or the resumption of the one stored in <see cref="Database"/> with its stored settings
/// and only a new time budget (<see cref="CampaignSettings.MaxTime"/> of <see cref="Settings"/>).
/// </summary>
public sealed record CampaignRequest
{
    public const string DefaultDatabase = "campaign.db";

    /// <summary>The database file the user named: written as named, shard or not. Null: <see cref="DefaultDatabase"/>,
    /// which a shard turns into its own name (<see cref="CampaignShard.DatabaseFor"/>).</summary>
    public string? Database { get; init; }
    public bool Resume { get; init; }
    public CampaignSettings Settings { get; init; } = new();
    public long? Seed { get; init; }
    public string? CorpusDirectory { get; init; }
    /// <summary>The runtime config file named by the user, if any (else the usual search).</summary>
    public string? ConfigPath { get; init; }
    /// <summary>Run one shard of the campaign (see <see cref="CampaignShard"/>). Null = the whole campaign.</summary>
    public CampaignShard? Shard { get; init; }
    /// <summary>An earlier campaign database whose cell medians balance the shards (else the manifest's native times).</summary>
    public string? ShardCosts { get; init; }
    /// <summary>The <see cref="CampaignSettings"/> properties (and <c>Seed</c>, <c>Corpus</c>) the user set explicitly: on
    /// resume they must match the stored campaign (<see cref="ResumedSettings"/>).</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>();
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
        Host.TempFolder.EnsureUsable(); // before the store: a campaign that cannot run stores nothing
        var database = request.Database ?? request.Shard?.DatabaseFor(CampaignRequest.DefaultDatabase) ?? CampaignRequest.DefaultDatabase;
        Host.OutputPaths.RefuseSameFile([new(request.ConfigPath, "Config", "runtime config"), new(request.ShardCosts, "ShardCosts", "cost database")],
            [new(database, "Database", "campaign database")]);
        using var store = request.Resume ? CampaignStore.OpenExisting(database) : CampaignStore.Open(database);
        var settings = request.Resume
            ? StoredSettings(store) with { MaxTime = request.Settings.MaxTime }
            : request.Settings.Completed(request.Seed, request.CorpusDirectory, request.ConfigPath);
        if (request.Resume) ResumedSettings.Check(settings, Asked(request), request.Given, database);
        if (request.Resume && request.Shard is { } asked && settings.Shard is { } stored && !stored.SameSlot(asked))
            throw new BadInputException($"'{database}' holds shard {stored}, not {asked}", "Shard");
        if (!request.Resume && request.Shard is { } shard)
            settings = settings with { Shard = ChooseCases(shard, settings, request.ShardCosts) };
        return await Execute(store, settings, request.Resume, request.ConfigPath, progress, ct);
    }

    /// <summary>The cases <paramref name="shard"/> runs: the campaign's cases split by expected cost, from an earlier
    /// campaign's cell medians when <paramref name="costsDatabase"/> is given, else from the manifest.</summary>
    public static CampaignShard ChooseCases(CampaignShard shard, CampaignSettings settings, string? costsDatabase)
    {
        var manifest = CampaignCases.ExpectedCosts(settings, Math.Max(1, settings.Runtimes.Count));
        if (costsDatabase is null) return ShardBalancer.Choose(shard, manifest, "manifest");
        var measured = MeasuredCosts(Host.InputFile.RequireRegular(costsDatabase, "ShardCosts", "campaign database"));
        var known = manifest.Keys.Where(measured.ContainsKey).Select(k => measured[k]).Order().ToList();
        if (known.Count == 0) throw new BadInputException($"'{costsDatabase}' has no ok runs of this campaign's cases to balance the shards by", "ShardCosts");
        var fallback = known[known.Count / 2];
        var costs = manifest.Keys.ToDictionary(k => k, k => measured.GetValueOrDefault(k, fallback), StringComparer.Ordinal);
        return ShardBalancer.Choose(shard, costs, Path.GetFullPath(costsDatabase));
    }

    /// <summary>Per case, the sum over its runtimes of the median wall time (ms) of the ok runs stored in <paramref name="database"/>.</summary>
    public static IReadOnlyDictionary<string, double> MeasuredCosts(string database)
    {
        using var store = CampaignStore.OpenExisting(database);
        return store.ReadCaseRuns()
            .Where(r => r.Result.Status == Measurement.RunStatus.Ok)
            .GroupBy(r => (r.Case, r.Result.Runtime))
            .Select(g => (g.Key.Case, Median: RobustStats.Median(g.Select(r => r.Result.WallMs).ToArray())))
            .GroupBy(x => x.Case)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Median), StringComparer.Ordinal);
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

    /// <summary>The settings as the user asked for them, for comparison only (the corpus resolved to a full path as stored).</summary>
    private static CampaignSettings Asked(CampaignRequest r) => r.Settings with
    {
        Seed = r.Seed ?? 0,
        Corpus = r.Given.Contains(nameof(CampaignSettings.Corpus)) ? CorpusLocator.Locate(r.CorpusDirectory) : null,
    };

    private static CampaignSettings StoredSettings(CampaignStore store) =>
        CampaignSettings.FromJson((store.LocalCampaign() ?? throw new BadInputException($"'{store.Path}' holds no campaign to resume")).SettingsJson);
}
