using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary>
/// <c>analyze --json</c>: the analysis result without what only a report draws (the consensus summary), with
/// each analysed cell's phase method and precision floor (<c>cells</c>), and the construct fingerprint
/// (<c>fingerprint</c>, with <c>--constructs</c>; each timing finding then has its <c>explanations</c>).
/// Every part is a record of this document, so a field added to the analysis's types does not reach it by accident.
/// </summary>
public sealed record AnalysisDocument(
    AnalysisMethod Method, AnalysisPhase Phase, int Cases, IReadOnlyList<string> Runtimes, int DroppedCases, int ExcludedCases,
    int BelowFloorCases, bool MeansOnly, double Threshold, double? FloorMs, IReadOnlyList<AnalysisDocument.FindingEntry> Findings,
    IReadOnlyList<AnalysisDocument.RankingEntry> Ranking, IReadOnlyDictionary<string, double>? Centre, IReadOnlyList<AnalysisDocument.CellEntry>? Cells,
    AnalysisDocument.FingerprintEntry? Fingerprint)
{
    public sealed record FindingEntry(string Case, string Runtime, double? Factor, double? CiLow, double? CiHigh, Verdict? Verdict, FindingKind Kind,
        string? Peer, double Score, string? Detail, PhaseMethod? Method, ExcessClass? Excess, string? ExcessDetail, double? ExcessShareLow,
        double? ExcessShareHigh, double? SpreadRatio, HostLayer? HostLayer, string? HostDetail, IReadOnlyList<ExplanationEntry>? Explanations);

    public sealed record ExplanationEntry(string Construct, string OpcodeClass, double Relative, double? CiLow, double? CiHigh, double Share, double Score,
        string Text, OpcodeWeighting Weighting, FingerprintBasis Basis, string? Peer);

    public sealed record RankingEntry(string Case, double Distance, IReadOnlyDictionary<string, double> Deviation);

    public sealed record CellEntry(string Case, string Runtime, PhaseMethod Method, double MedianMs, double FloorMs);

    public sealed record FingerprintEntry(IReadOnlyList<string> Constructs, IReadOnlyList<string> Runtimes, IReadOnlyList<FingerprintCellEntry> Cells);

    public sealed record FingerprintCellEntry(string Construct, string OpcodeClass, string Runtime, double? Cost, double? Relative, double? CiLow,
        double? CiHigh, int Runs, string? Missing, FingerprintBasis Basis, string? Peer, int Peers, string Against);

    public static AnalysisDocument From(AnalysisResult r) => new(
        r.Method, r.Phase, r.Cases, r.Runtimes, r.DroppedCases, r.ExcludedCases, r.BelowFloorCases, r.MeansOnly,
        r.Threshold, r.FloorMs, r.Findings.Select(Entry).ToList(), r.Ranking.Select(x => new RankingEntry(x.Case, x.Distance, x.Deviation)).ToList(),
        r.Centre, r.Cells?.Select(c => new CellEntry(c.Case, c.Runtime, c.Method, c.MedianMs, c.FloorMs)).ToList(), Entry(r.Fingerprint));

    private static FindingEntry Entry(Finding f) => new(f.Case, f.Runtime, f.Factor, f.CiLow, f.CiHigh, f.Verdict, f.Kind, f.Peer, f.Score,
        f.Detail, f.Method, f.Excess, f.ExcessDetail, f.ExcessShareLow, f.ExcessShareHigh, f.SpreadRatio, f.HostLayer, f.HostDetail,
        f.Explanations?.Select(e => new ExplanationEntry(e.Construct, e.OpcodeClass, e.Relative, e.CiLow, e.CiHigh, e.Share, e.Score, e.Text,
            e.Weighting, e.Basis, e.Peer)).ToList());

    private static FingerprintEntry? Entry(ConstructFingerprint? fp) => fp is null ? null : new(fp.Constructs, fp.Runtimes,
        fp.Cells.Select(c => new FingerprintCellEntry(c.Construct, c.OpcodeClass, c.Runtime, c.Cost, c.Relative, c.CiLow, c.CiHigh, c.Runs,
            c.Missing, c.Basis, c.Peer, c.Peers, c.Against)).ToList());
}
