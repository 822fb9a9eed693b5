using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary>
/// <c>analyze --json</c>: the analysis result without what only a report draws (the consensus summary), with
/// each analysed cell's phase method and precision floor (<c>cells</c>), and the construct fingerprint
/// (<c>fingerprint</c>, with <c>--constructs</c>; each timing finding then has its <c>explanations</c>).
/// </summary>
public sealed record AnalysisDocument(
    AnalysisMethod Method, AnalysisPhase Phase, int Cases, IReadOnlyList<string> Runtimes, int DroppedCases, int ExcludedCases,
    int BelowFloorCases, bool MeansOnly, double Threshold, double? FloorMs, IReadOnlyList<Finding> Findings,
    IReadOnlyList<RankingRow> Ranking, IReadOnlyDictionary<string, double>? Centre, IReadOnlyList<CellPhaseMethod>? Cells,
    ConstructFingerprint? Fingerprint)
{
    public static AnalysisDocument From(AnalysisResult r) => new(
        r.Method, r.Phase, r.Cases, r.Runtimes, r.DroppedCases, r.ExcludedCases, r.BelowFloorCases, r.MeansOnly,
        r.Threshold, r.FloorMs, r.Findings, r.Ranking, r.Centre, r.Cells, r.Fingerprint);
}
