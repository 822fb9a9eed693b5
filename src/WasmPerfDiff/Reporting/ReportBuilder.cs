using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Reporting;

/// <summary>
/// Builds the <see cref="ReportModel"/> of a campaign database: its settings and host, the runtimes and
/// their typical speed, the support matrix, the robust analysis of the execution phase (with its
/// startup/load, instability and divergence lists), the consensus residuals, every cell's runs and the
/// phase breakdown.
/// </summary>
public static class ReportBuilder
{
    public static ReportModel Build(string dbPath, ReportOptions options)
    {
        using var store = CampaignStore.OpenReadOnly(dbPath);
        return Build(store, options);
    }

    /// <summary>The analysis a report shows; its options are checked before the database is read.</summary>
    public static AnalysisOptions AnalysisOptionsFor(ReportOptions options, bool meansOnly)
    {
        var analysis = new AnalysisOptions
        {
            Method = AnalysisMethod.Robust,
            Phase = AnalysisPhase.Execution,
            Threshold = options.Threshold,
            FloorMs = options.FloorMs,
            Seed = options.Seed,
            MeansOnly = meansOnly,
        };
        DifferentialAnalysis.Validate(analysis);
        return analysis;
    }

    public static ReportModel Build(CampaignStore store, ReportOptions options)
    {
        var campaign = store.LocalCampaign() ?? store.Campaigns().FirstOrDefault()
                       ?? throw new BadInputException($"'{store.Path}' holds no campaign: run one into it first");
        var settings = TryReadSettings(campaign);
        var fingerprint = options.ConstructsDatabase is { } constructs ? ConstructFingerprint.FromDatabase(constructs, options.Seed) : null;
        var rows = store.ReadRows();
        var runs = rows.Select(r => r.Run).ToList();
        var cases = store.Cases();
        var runtimeRecords = store.Runtimes();
        var runtimeNames = runtimeRecords.Select(r => r.Name).Union(runs.Select(r => r.Result.Runtime).Distinct()).Order(StringComparer.Ordinal).ToList();
        var support = ValidationMatrix.Build(cases, runtimeNames, runs);

        // The same analysis as `analyze` with its defaults (every runtime): runtimes without a timed run are left out of
        // the timing model by the analysis itself (and get no typical speed), but still count in divergences.
        var analysisOptions = AnalysisOptionsFor(options, store.HoldsMeansOnly);
        var timed = runtimeNames.Where(rt => runs.Any(r => r.Result.Runtime == rt && r.Result.Status == RunStatus.Ok)).ToList();
        AnalysisResult? analysis = null;
        string? note = null;
        if (timed.Count < 2)
            note = "fewer than two runtimes have successful runs: there is nothing to compare";
        else
        {
            try
            {
                analysis = HostLayerRule.Mark(DifferentialAnalysis.Analyze(runs, analysisOptions), runs, runtimeRecords);
                if (analysis.Cases - analysis.BelowFloorCases < TimingModel.MinCases)
                    note = $"only {analysis.Cases - analysis.BelowFloorCases} of {analysis.Cases} complete cases reach the {analysis.FloorText} " +
                           $"(at least {TimingModel.MinCases} are needed to rank execution anomalies): use larger sizes or more runs, or set --floor-ms";
            }
            catch (BadInputException e)
            {
                note = e.Message;
            }
        }

        if (analysis is not null && fingerprint is not null) analysis = ConstructExplanations.Attach(analysis, fingerprint, cases, options.HotFunctions);
        var heatmap = analysis?.Consensus;
        var runtimes = runtimeNames.Select(name =>
        {
            var rec = runtimeRecords.FirstOrDefault(r => r.Name == name);
            var idx = heatmap?.Runtimes.ToList().IndexOf(name) ?? -1;
            var cells = support.Cells.Where(c => c.Runtime == name).ToList();
            return new RuntimeSummary(name, rec?.Engine ?? "", rec?.Tier ?? "", rec?.Version, rec?.Command ?? "",
                idx >= 0 ? heatmap!.SpeedFactors[idx] : null,
                cells.Count(c => c.Runs > 0), cells.Count(c => c.Status == RunStatus.Ok && !c.OutputDiffers),
                runs.Count(r => r.Result.Runtime == name));
        }).ToList();

        var runsByCase = runs.Where(r => r.Result.Status == RunStatus.Ok)
            .GroupBy(r => r.Case, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CellRuns>)g.GroupBy(r => r.Result.Runtime, StringComparer.Ordinal)
                .OrderBy(rg => rg.Key, StringComparer.Ordinal)
                .Select(rg => new CellRuns(rg.Key, rg.OrderBy(r => r.Round).Select(r => CellTable.PhaseMs(r.Result, AnalysisPhase.Execution) ?? r.Result.WallMs).ToList()))
                .ToList(), StringComparer.Ordinal);

        var findings = analysis?.Findings ?? [];
        var counts = new ReportCounts(
            Cases: cases.Count,
            Runtimes: runtimeNames.Count,
            Runs: runs.Count,
            Anomalies: findings.Count(f => f.IsTiming && f.Verdict == Verdict.Anomaly),
            StartupAnomalies: findings.Count(f => f.Kind == FindingKind.Startup && f.Verdict == Verdict.Anomaly),
            Divergences: findings.Count(f => f.Kind == FindingKind.Divergence),
            FailedCells: support.Failed.Count());

        return new ReportModel(campaign, settings, runtimes, support, analysis, note, heatmap, runsByCase,
            PhaseSummary.Build(runs, runtimeNames), counts, FlameGraphs(findings, options), DateTimeOffset.UtcNow, Hosts(store, rows))
        {
            Compare = settings?.Compare is { } compare ? CompareAnalysis.Analyze(runs, compare, settings.Seed) : null,
            Fingerprint = fingerprint,
        };
    }

    /// <summary>Per campaign of the file (each shard merged in is one): its host and the cases its runs measured.</summary>
    private static IReadOnlyList<HostShare> Hosts(CampaignStore store, IReadOnlyList<RunRow> rows)
    {
        var byCampaign = rows.GroupBy(r => r.CampaignId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return store.Campaigns().Select(c =>
        {
            var mine = byCampaign.GetValueOrDefault(c.Id) ?? [];
            var shard = ShardOf(c);
            return new HostShare(c.Id, c.Origin, c.Host, shard?.Node, shard?.ToString(),
                mine.Select(r => r.Run.Case).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), mine.Count);
        }).ToList();
    }

    /// <summary>The flame graphs given per finding, plus those found in <see cref="ReportOptions.FlameGraphDir"/> by name.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> FlameGraphs(IReadOnlyList<Finding> findings, ReportOptions options)
    {
        var map = options.FlameGraphs.ToDictionary(p => p.Key, p => p.Value.ToList());
        if (options.FlameGraphDir is { } dir)
            foreach (var (id, files) in FlameGraphIndex.Find(findings.Select(FindingAnchors.Id), dir))
            {
                if (!map.TryGetValue(id, out var list)) map[id] = list = [];
                list.AddRange(files.Where(f => !list.Contains(f)));
            }
        return map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value);
    }

    /// <summary>Settings of a campaign run by this tool; imported campaigns store other shapes (null then).</summary>
    /// <summary>The shard a campaign row ran (any origin: merged shards are origin 'shard' here), if its settings say.</summary>
    private static CampaignShard? ShardOf(CampaignRecord c)
    {
        if (c.MeansOnly) return null;
        try { return CampaignSettings.FromJson(c.SettingsJson).Shard; }
        catch (Exception e) when (e is System.Text.Json.JsonException or BadInputException) { return null; }
    }

    private static CampaignSettings? TryReadSettings(CampaignRecord c)
    {
        if (c.Origin != CampaignOrigin.Local) return null;
        try { return CampaignSettings.FromJson(c.SettingsJson); }
        catch (Exception e) when (e is System.Text.Json.JsonException or BadInputException) { return null; }
    }
}
