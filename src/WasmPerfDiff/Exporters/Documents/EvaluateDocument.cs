using WasmPerfDiff.Analysis.Evaluation;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>evaluate --json</c>: precision and recall per setting and method, and whether the robust method meets its target.</summary>
public sealed record EvaluateDocument(
    long Seed, int CasesPerCampaign, IReadOnlyList<int> RuntimeCounts, EvaluateDocument.TargetEntry Target, bool TargetMet,
    IReadOnlyList<EvaluateDocument.Row> Rows, double Seconds)
{
    public sealed record TargetEntry(double Factor, double Noise, int Runs, double Precision, double Recall);
    public sealed record Row(double Factor, double Noise, int RunsPerCell, int Campaigns, IReadOnlyList<MethodEntry> Methods);
    public sealed record MethodEntry(string Method, int Injected, int Flagged, int TruePositives, double Precision, double Recall);

    public static EvaluateDocument From(long seed, IReadOnlyList<EvaluationRow> rows, bool met, TimeSpan elapsed) => new(
        seed, MethodEvaluation.CasesPerCampaign, MethodEvaluation.RuntimeCounts,
        new TargetEntry(MethodEvaluation.TargetSetting.Factor, MethodEvaluation.TargetSetting.Noise, MethodEvaluation.TargetSetting.Runs,
            MethodEvaluation.TargetPrecision, MethodEvaluation.TargetRecall),
        met,
        rows.Select(r => new Row(r.Factor, r.Noise, r.RunsPerCell, r.Campaigns,
            r.Scores.Select(s => new MethodEntry(s.Method, s.Injected, s.Flagged, s.TruePositives, s.Precision, s.Recall)).ToList())).ToList(),
        elapsed.TotalSeconds);
}
