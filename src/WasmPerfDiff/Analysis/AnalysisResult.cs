namespace WasmPerfDiff.Analysis;

/// <summary>One row of WarpDiff's ranking: distance of the case's normalized vector to the centre, and per-runtime deviation.</summary>
public sealed record RankingRow(string Case, double Distance, IReadOnlyDictionary<string, double> Deviation);

/// <summary>
/// What an analysis found. <see cref="Findings"/> are ordered: timing findings (consensus/peer, or startup for
/// the load phase) by verdict then score, then startup, instability, tier-inversion and divergence findings.
/// <see cref="Ranking"/> is WarpDiff's ranking (empty for the robust method); <see cref="Centre"/> its centre.
/// <see cref="Consensus"/> is what a report shows of the robust model (typical speeds, residuals, short cases).
/// </summary>
public sealed record AnalysisResult(
    AnalysisMethod Method,
    AnalysisPhase Phase,
    int Cases,
    IReadOnlyList<string> Runtimes,
    int DroppedCases,
    int ExcludedCases,
    int BelowFloorCases,
    bool MeansOnly,
    double Threshold,
    double? FloorMs,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RankingRow> Ranking,
    IReadOnlyDictionary<string, double>? Centre,
    IReadOnlyList<CellPhaseMethod>? Cells = null,
    ConsensusSummary? Consensus = null)
{
    /// <summary>How the analysed phase was cut for how many cells, e.g. "markers 40, baseline 20" (empty when unknown).</summary>
    public string MethodSummary => Cells is null ? "" : string.Join(", ", Cells.GroupBy(c => c.Method).OrderBy(g => g.Key)
        .Select(g => $"{Wire.Name(g.Key)} {g.Count()}"));

    /// <summary>The floor in words: the fixed one, or the precision rule.</summary>
    public string FloorText => FloorMs is double f ? $"floor {f:0.#} ms" : "precision floor";

    /// <summary>Selected runtimes left out of the timing model because none of their cells has an ok run (see
    /// <see cref="CellTable.LeftOutRuntimes"/>); their failures are in the validation matrix, not hidden.</summary>
    public IReadOnlyList<string> LeftOutRuntimes { get; init; } = [];

    /// <summary>The construct fingerprint the findings were explained with, when one was given.</summary>
    public ConstructFingerprint? Fingerprint { get; init; }
}

/// <summary>Where one cell's phase came from and the floor the precision rule set for it (ms).</summary>
public sealed record CellPhaseMethod(string Case, string Runtime, Measurement.PhaseMethod Method, double MedianMs, double FloorMs);
