using System.Diagnostics;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Host;
using WasmPerfDiff.Reporting;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>demo</c> asks for: a budget, the input size, what to run, and where the files go.</summary>
public sealed record DemoRequest
{
    public required TimeSpan Budget { get; init; }
    public required string OutDirectory { get; init; }
    public string Size { get; init; } = DemoPlan.DefaultSize;
    public IReadOnlyList<string> Runtimes { get; init; } = [];
    public string? CasesGlob { get; init; }
    public string? CorpusDirectory { get; init; }
    public double FloorMs { get; init; } = DemoPlan.FloorMs;
    public long? Seed { get; init; }
    public string? ConfigPath { get; init; }
    /// <summary>Replace a campaign already in the folder's database; without it the demo refuses to touch one.</summary>
    public bool Force { get; init; }
}

/// <summary>The demo's plan, known before the campaign starts (shown while it runs).</summary>
public sealed record DemoPlanInfo(int Cases, IReadOnlyList<string> Runtimes, CampaignSettings Settings, TimeSpan Budget);

/// <summary>What the demo did: its plan, how the campaign ended, the report and where it is, and how long it all took.</summary>
public sealed record DemoResult(DemoPlanInfo Plan, CampaignOutcome Outcome, ReportModel Report, ReportFiles Files, TimeSpan Elapsed)
{
    public string Database => Files.Database;
}

/// <summary>The main job in one call: a fresh campaign within a budget (see <see cref="DemoPlan"/>), then the analysis and the reports.</summary>
public static class DemoWorkflow
{
    public const string Database = "campaign.db";

    public static async Task<DemoResult> RunAsync(DemoRequest request, Action<DemoPlanInfo>? onPlan, IProgress<CampaignProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var outDir = Host.OutputPaths.CheckDirectory(request.OutDirectory, "Out"); // created with the database, once the plan stands
        // A FIFO or a device at DIR/campaign.db is refused even with --force, and before the plan is shown.
        if (FileFacts.Of(Path.Combine(outDir, Database)) is { Kind: not FileKind.Regular } special)
            throw new BadInputException($"'{Path.Combine(request.OutDirectory, Database)}' is {special.Describe()}, not a campaign database", "Out");
        if (!request.Force) RefuseToReplace(request.OutDirectory, Path.Combine(outDir, Database));
        var settings = DemoPlan.Settings(request.Budget, request.Size, request.Runtimes, request.CasesGlob)
            .Completed(request.Seed, request.CorpusDirectory, request.ConfigPath);
        settings = settings with { Size = DemoPlan.SizeFor(settings.Corpus, settings.CasesGlob, settings.Size) };
        settings.Validate();
        var cases = CampaignCases.For(settings);
        var runtimes = CampaignRuntimes.Resolve(settings.Runtimes, settings.Config);
        var plan = new DemoPlanInfo(cases.Count, runtimes.Select(r => r.Name).ToList(), settings, request.Budget);
        onPlan?.Invoke(plan);

        Host.TempFolder.EnsureUsable();
        var dbPath = Path.Combine(outDir, Database);
        CampaignResult campaign;
        ReportModel model;
        using (var store = CampaignStore.OpenFresh(dbPath)) // a demo starts afresh; `run --resume` continues
        {
            campaign = await CampaignWorkflow.Execute(store, settings, resume: false, settings.Config, progress, ct);
            model = ReportAssembly.Build(store, new ReportOptions { FloorMs = request.FloorMs });
        }
        var files = ReportAssembly.Write(model, Path.Combine(outDir, "report.html"), Path.Combine(outDir, "report.md"), dbPath);
        return new DemoResult(plan, campaign.Outcome, model, files, clock.Elapsed);
    }

    /// <summary>A demo starts afresh, so a database in the folder that holds a campaign (or is not one we can read)
    /// would be emptied: that takes <c>--force</c>. An empty file or one with no campaign yet holds nothing to lose.</summary>
    private static void RefuseToReplace(string shownDir, string dbPath)
    {
        if (FileFacts.Of(dbPath) is not { Size: > 0 }) return;
        string? held;
        try
        {
            using var store = CampaignStore.OpenReadOnly(dbPath);
            var campaigns = store.Campaigns();
            held = campaigns.Count == 0 ? null : $"campaign {campaigns[0].Id}{(campaigns.Count > 1 ? $" (and {campaigns.Count - 1} more)" : "")}";
        }
        catch (BadInputException e) { held = $"a {Database} this cannot read as a campaign ({e.Message})"; }
        if (held is not null)
            throw new BadInputException($"the folder '{shownDir}' holds {held}; use another --out, or --force to replace it", "Out");
    }
}
