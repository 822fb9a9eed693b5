using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Reporting;

/// <summary>How a report analyses its campaign, and what it links to.</summary>
public sealed record ReportOptions
{
    /// <summary>Slowdown factor that makes an anomaly (see <see cref="AnalysisOptions.Threshold"/>).</summary>
    public double Threshold { get; init; } = AnalysisOptions.DefaultThreshold;

    /// <summary>A fixed floor replacing the precision rule (see <see cref="AnalysisOptions.FloorMs"/>); null = <see cref="DurationFloor"/>.</summary>
    public double? FloorMs { get; init; }

    /// <summary>Bootstrap seed: the same database and seed give the same report.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Hook for profiling: flame graph files (SVG paths) per finding, keyed by <see cref="FindingAnchors.Id"/>.
    /// The HTML report links each one under its finding; relative paths are taken relative to the report.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FlameGraphs { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// A folder of flame graphs named after findings: every <c>*.svg</c> below it whose file name starts with a
    /// finding's <see cref="FindingAnchors.Id"/> (e.g. <c>&lt;id&gt;.svg</c>, <c>&lt;id&gt;-diff.svg</c>) is linked under that finding.
    /// </summary>
    public string? FlameGraphDir { get; init; }

    /// <summary>Campaign database of the construct corpus (<c>gen constructs</c>): the construct heatmap, and explanations on the findings' cards.</summary>
    public string? ConstructsDatabase { get; init; }

    /// <summary>
    /// Per (case, runtime): function index → share of a perf profile's guest samples, to weight the opcode mix of that
    /// finding's explanations by its hot functions (see <c>ConstructExplanations.Attach</c>); the report workflow reads
    /// them from <see cref="FlameGraphDir"/> when <c>profile --db … --findings N</c> wrote it.
    /// </summary>
    public IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyDictionary<int, double>>? HotFunctions { get; init; }
}
