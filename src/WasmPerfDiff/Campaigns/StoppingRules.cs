using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Campaigns;

/// <summary>The measured runs of one (case, runtime) cell so far, in round order.</summary>
public sealed record CellHistory(CaseRecord Case, string Runtime, IReadOnlyList<RunResult> Runs);

/// <summary>Whether a cell needs more runs, with the reason shown in progress and results.</summary>
/// <param name="Verdict">Set by a rule that judges cells by a verdict: <see cref="CellVerdict.Settled"/> = it stops because its
/// verdict cannot change, <see cref="CellVerdict.Open"/> = its verdict is undecided, so it gets the next runs first.</param>
public readonly record struct StopDecision(bool Stop, string Reason, CellVerdict Verdict = CellVerdict.None)
{
    public static StopDecision Continue(string reason) => new(false, reason);
    public static StopDecision Done(string reason) => new(true, reason);
    public static StopDecision Settled(string reason) => new(true, reason, CellVerdict.Settled);
    public static StopDecision Open(string reason) => new(false, reason, CellVerdict.Open);
}

/// <summary>Where a cell's verdict stands, for the rules that have one.</summary>
public enum CellVerdict { None, Settled, Open }

/// <summary>
/// Decides whether a healthy cell (only ok runs, between --min-runs and --max-runs) has enough
/// runs. The scheduler itself stops failed cells and cells at --max-runs; the analysis stage can
/// plug in a rule that stops once its verdict for the cell is settled.
/// </summary>
public interface IStoppingRule
{
    /// <summary>Called before each round with every cell's runs so far, for rules that judge a cell
    /// against the others (the analysis verdicts do).</summary>
    void BeginRound(IReadOnlyList<CellHistory> cells) { }

    StopDecision Decide(CellHistory cell);
}

/// <summary>Stops a cell once the median wall time is known to within a relative CI half-width
/// (see <see cref="MedianConfidenceInterval"/> for the interval).</summary>
public sealed class MedianCiStoppingRule(double targetRelativeHalfWidth) : IStoppingRule
{
    public StopDecision Decide(CellHistory cell)
    {
        var rel = MedianConfidenceInterval.RelativeHalfWidth(cell.Runs.Select(r => r.WallMs).ToList());
        return rel < targetRelativeHalfWidth
            ? StopDecision.Done($"median CI ±{rel:P1} < {targetRelativeHalfWidth:P0}")
            : StopDecision.Continue(double.IsInfinity(rel) ? "too few runs to bound the median" : $"median CI ±{rel:P1}");
    }
}
