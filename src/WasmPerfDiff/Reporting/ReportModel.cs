using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Reporting;

/// <summary>
/// Everything a report shows, computed once from a campaign database by <see cref="ReportBuilder"/>
/// and rendered by the writers (HTML, Markdown, console) without further statistics.
/// </summary>
public sealed record ReportModel(
    CampaignRecord Campaign,
    CampaignSettings? Settings,
    IReadOnlyList<RuntimeSummary> Runtimes,
    ValidationMatrix Support,
    AnalysisResult? Analysis,
    string? AnalysisNote,
    ConsensusSummary? Heatmap,
    IReadOnlyDictionary<string, IReadOnlyList<CellRuns>> RunsByCase,
    IReadOnlyList<PhaseBreakdown> Phases,
    ReportCounts Counts,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FlameGraphs,
    DateTimeOffset Generated,
    IReadOnlyList<HostShare> Hosts)
{
    /// <summary>The compare's verdicts when the campaign is a <c>compare</c> (<see cref="CampaignSettings.Compare"/>), else null.</summary>
    public CompareSummary? Compare { get; init; }

    /// <summary>Execution-phase findings of the consensus/peer model (the main ranked list).</summary>
    public IReadOnlyList<Finding> TimingFindings => Of(FindingKind.Consensus, FindingKind.Peer);

    /// <summary>The construct fingerprint, when the report was given one (<see cref="ReportOptions.ConstructsDatabase"/>).</summary>
    public ConstructFingerprint? Fingerprint { get; init; }

    /// <summary>Startup/load anomalies (startup + compile + instantiate), their own list (docs/ARCHITECTURE.md).</summary>
    public IReadOnlyList<Finding> StartupFindings => Of(FindingKind.Startup);

    public IReadOnlyList<Finding> InstabilityFindings => Of(FindingKind.Instability);

    /// <summary>Cells where an engine's optimizing tier is no faster than its own baseline tier (<see cref="TierInversion"/>).</summary>
    public IReadOnlyList<Finding> TierInversions => Of(FindingKind.TierInversion);

    /// <summary>Correctness divergences of the analysis (status, exit code or output differs from the majority).</summary>
    public IReadOnlyList<Finding> Divergences => Of(FindingKind.Divergence);

    private IReadOnlyList<Finding> Of(params FindingKind[] kinds) =>
        Analysis?.Findings.Where(f => kinds.Contains(f.Kind)).ToList() ?? [];
}

/// <summary>
/// A runtime of the campaign. <see cref="SpeedFactor"/> is its typical time relative to the fastest
/// runtime (1 = fastest, 3 = usually three times slower), null when the campaign is too small to tell.
/// </summary>
public sealed record RuntimeSummary(
    string Name,
    string Engine,
    string Tier,
    string? Version,
    string Command,
    double? SpeedFactor,
    int Cells,
    int OkCells,
    int Runs);

/// <summary>Successful runs of one (case, runtime) cell: execution-phase durations in ms, in round order.</summary>
public sealed record CellRuns(string Runtime, IReadOnlyList<double> Ms);

/// <summary>The headline numbers of the summary cards.</summary>
public sealed record ReportCounts(int Cases, int Runtimes, int Runs, int Anomalies, int StartupAnomalies, int Divergences, int FailedCells);

/// <summary>
/// What one campaign of the database ran, and where: after shards are merged (<c>import db</c>) each shard is a
/// campaign with its own host, and every case's runtimes come from one of them. <see cref="Node"/> and
/// <see cref="Shard"/> come from the shard's settings (null for an unsharded campaign).
/// </summary>
public sealed record HostShare(string CampaignId, string Origin, WasmPerfDiff.Host.HostFingerprint Host, string? Node, string? Shard,
    IReadOnlyList<string> Cases, int Runs);
