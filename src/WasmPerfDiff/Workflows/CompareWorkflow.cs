using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// What <c>compare A B</c> asks for: the baseline and candidate runtime configurations, the threshold (0.02 = 2 %),
/// and the campaign settings (cases, size, runs, time budget). <see cref="CampaignSettings.Compare"/> is set here.
/// </summary>
public sealed record CompareRequest
{
    public required string Database { get; init; }
    public required string Baseline { get; init; }
    public required string Candidate { get; init; }
    public double Threshold { get; init; } = CompareSettings.DefaultThreshold;
    public CompareMetric Metric { get; init; } = CompareMetric.Phases;
    public CampaignSettings Settings { get; init; } = CompareWorkflow.DefaultSettings;
    public long? Seed { get; init; }
    public string? CorpusDirectory { get; init; }
    public string? ConfigPath { get; init; }
    /// <summary>Also write the pull-request Markdown (<see cref="Exporters.CompareMarkdown"/>) here.</summary>
    public string? MarkdownPath { get; init; }
}

/// <summary>What fails a compare for CI (<c>--fail-on</c>; wire names <c>slower</c>, <c>changed</c>).</summary>
public enum CompareFailOn
{
    /// <summary>Any case confidently slower.</summary>
    Slower,
    /// <summary>Any case confidently slower or faster.</summary>
    Changed,
}

/// <summary>How a compare went: the campaign (stored in <see cref="Database"/>) and what it says.</summary>
public sealed record CompareResult(string Database, CampaignSettings Settings, CampaignOutcome Outcome, CompareSummary Summary)
{
    /// <summary>True when <paramref name="failOn"/> fails this compare (exit 1).</summary>
    public bool Fails(CompareFailOn? failOn) => failOn switch
    {
        CompareFailOn.Slower => Summary.AnySlower,
        CompareFailOn.Changed => Summary.AnySlower || Summary.AnyFaster,
        _ => false,
    };
}

/// <summary>
/// <c>compare</c>: a campaign of two runtimes, interleaved A/B/B/A per case and stopped per case once the ratio's
/// verdict is settled (<see cref="CompareStoppingRule"/>), stored like any campaign, then analysed by
/// <see cref="CompareAnalysis"/>.
/// </summary>
public static class CompareWorkflow
{
    /// <summary>A compare's defaults: more runs than a campaign's, since a 2 % question needs tighter intervals.</summary>
    public static readonly CampaignSettings DefaultSettings = new() { Warmup = 1, MinRuns = 5, MaxRuns = 20 };

    public static async Task<CompareResult> RunAsync(CompareRequest request, IProgress<CampaignProgress>? progress, CancellationToken ct)
    {
        var compare = new CompareSettings(request.Baseline, request.Candidate, request.Threshold, request.Metric);
        var settings = (request.Settings with { Compare = compare, Runtimes = [compare.Baseline, compare.Candidate] })
            .Completed(request.Seed, request.CorpusDirectory, request.ConfigPath);
        settings.Validate();
        var cases = CampaignCases.For(settings);
        var runtimes = Resolve(compare, request.ConfigPath ?? settings.Config);
        Host.TempFolder.EnsureUsable();
        Host.OutputPaths.PrepareFile(request.Database, "Db");
        if (request.MarkdownPath is not null) Host.OutputPaths.PrepareFile(request.MarkdownPath, "Markdown");
        Host.OutputPaths.RefuseSameFile([new(request.ConfigPath, "Config", "runtime config")],
            [new(request.Database, "Db", "compare database"), new(request.MarkdownPath, "Markdown", "Markdown comment")]);
        using var store = CampaignStore.Open(request.Database);
        if (store.LocalCampaign() is { } existing)
            throw new BadInputException($"'{request.Database}' already holds campaign {existing.Id}; name another --db for a new compare", "Db");
        var scheduler = new CampaignScheduler(store, settings, new CompareStoppingRule(compare, settings.Seed));
        var outcome = await scheduler.RunAsync(cases, runtimes, resume: false, progress, ct);
        var runs = store.ReadRows(outcome.CampaignId).Select(r => r.Run).ToList();
        var summary = CompareAnalysis.Analyze(runs, compare, settings.Seed);
        if (request.MarkdownPath is not null) Host.OutputPaths.WriteText(request.MarkdownPath, "Markdown", w => new Exporters.CompareMarkdown().Write(w, summary));
        return new CompareResult(store.Path, settings, outcome, summary);
    }

    /// <summary>The two sides as runtimes, both available here (else bad input); an A = A compare gets a renamed copy of A.</summary>
    public static IReadOnlyList<IRuntime> Resolve(CompareSettings compare, string? configPath)
    {
        var catalog = RuntimeCatalog.Load(configPath);
        IRuntime Find(string name)
        {
            var rt = catalog.Select([name])[0];
            var a = rt.Detect();
            if (!a.Available) throw new BadInputException($"runtime '{name}' is not available here: {a.Reason ?? "unknown reason"}");
            return rt;
        }
        var baseline = Find(compare.Baseline);
        var candidate = compare.Candidate == compare.Baseline ? new RenamedRuntime(baseline, compare.CandidateName) : Find(compare.Candidate);
        return [baseline, candidate];
    }

    /// <summary>The compare summary of a stored compare campaign, or null when the database holds an ordinary campaign.</summary>
    public static CompareSummary? Read(string database)
    {
        using var store = CampaignStore.OpenReadOnly(database);
        var campaign = store.LocalCampaign() ?? throw new BadInputException($"'{database}' holds no campaign");
        var settings = CampaignSettings.FromJson(campaign.SettingsJson);
        return settings.Compare is { } c ? CompareAnalysis.Analyze(store.ReadRows(campaign.Id).Select(r => r.Run).ToList(), c, settings.Seed) : null;
    }
}
