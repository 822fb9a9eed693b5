using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Reporting;

/// <summary>What a report lays out from the campaign database: its campaigns, every run, the cases and the runtimes.</summary>
public sealed record ReportData(CampaignRecord Campaign, IReadOnlyList<CampaignRecord> Campaigns, IReadOnlyList<RunRow> Rows,
    IReadOnlyList<CaseRecord> Cases, IReadOnlyList<RuntimeRecord> RuntimeRecords)
{
    public IReadOnlyList<CaseRun> Runs { get; } = Rows.Select(r => r.Run).ToList();

    /// <summary>Every runtime the file knows, by name: registered ones and any that only has runs.</summary>
    public IReadOnlyList<string> RuntimeNames { get; } =
        RuntimeRecords.Select(r => r.Name).Union(Rows.Select(r => r.Run.Result.Runtime).Distinct()).Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// The analyses a report shows, made before it is laid out (by <c>Workflows/ReportAssembly</c>): the robust analysis or
/// why there is none, a compare's verdicts, the construct fingerprint, and the flame graphs per finding id.
/// </summary>
public sealed record ReportAnalyses(AnalysisResult? Analysis, string? Note, CompareSummary? Compare, ConstructFingerprint? Fingerprint,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FlameGraphs);

/// <summary>
/// Lays out the <see cref="ReportModel"/> of a campaign from its records and its analyses: the runtimes and their
/// typical speed, the support matrix, every cell's runs, the phase breakdown and the hosts. No statistics of its own.
/// </summary>
public static class ReportBuilder
{
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

    public static ReportModel Build(ReportData data, ReportAnalyses analyses)
    {
        var runs = data.Runs;
        var cases = data.Cases;
        var runtimeNames = data.RuntimeNames;
        var support = ValidationMatrix.Build(cases, runtimeNames, runs);
        var analysis = analyses.Analysis;
        var heatmap = analysis?.Consensus;
        var runtimes = runtimeNames.Select(name =>
        {
            var rec = data.RuntimeRecords.FirstOrDefault(r => r.Name == name);
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

        return new ReportModel(data.Campaign, SettingsOf(data.Campaign), runtimes, support, analysis, analyses.Note, heatmap, runsByCase,
            PhaseSummary.Build(runs, runtimeNames), counts, analyses.FlameGraphs, DateTimeOffset.UtcNow, Hosts(data))
        {
            Compare = analyses.Compare,
            Fingerprint = analyses.Fingerprint,
        };
    }

    /// <summary>Per campaign of the file (each shard merged in is one): its host and the cases its runs measured.</summary>
    private static IReadOnlyList<HostShare> Hosts(ReportData data)
    {
        var byCampaign = data.Rows.GroupBy(r => r.CampaignId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return data.Campaigns.Select(c =>
        {
            var mine = byCampaign.GetValueOrDefault(c.Id) ?? [];
            var shard = ShardOf(c);
            return new HostShare(c.Id, c.Origin, c.Host, shard?.Node, shard?.ToString(),
                mine.Select(r => r.Run.Case).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), mine.Count);
        }).ToList();
    }

    /// <summary>The shard a campaign row ran (any origin: merged shards are origin 'shard' here), if its settings say.</summary>
    private static CampaignShard? ShardOf(CampaignRecord c)
    {
        if (c.MeansOnly) return null;
        try { return CampaignSettings.FromJson(c.SettingsJson).Shard; }
        catch (Exception e) when (e is System.Text.Json.JsonException or BadInputException) { return null; }
    }

    /// <summary>Settings of a campaign run by this tool; imported campaigns store other shapes (null then).</summary>
    public static CampaignSettings? SettingsOf(CampaignRecord c)
    {
        if (c.Origin != CampaignOrigin.Local) return null;
        try { return CampaignSettings.FromJson(c.SettingsJson); }
        catch (Exception e) when (e is System.Text.Json.JsonException or BadInputException) { return null; }
    }
}
