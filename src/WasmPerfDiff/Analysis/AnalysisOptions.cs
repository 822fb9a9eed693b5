namespace WasmPerfDiff.Analysis;

/// <summary>Which ranking to compute: the robust consensus + peer model (default) or WarpDiff's L2 method.</summary>
public enum AnalysisMethod { Robust, Warpdiff }

/// <summary>
/// Which duration of a run is analysed. Execution = the measured work (falls back to wall time when a
/// runtime cannot separate it); total = wall time; load = startup + compile + instantiate (those known).
/// </summary>
public enum AnalysisPhase { Execution, Total, Load }

/// <summary>Everything <see cref="DifferentialAnalysis.Analyze"/> needs besides the runs.</summary>
public sealed record AnalysisOptions
{
    /// <summary>A cell must be at least this many times slower than predicted to be an anomaly.</summary>
    public const double DefaultThreshold = 1.5;


    public AnalysisMethod Method { get; init; } = AnalysisMethod.Robust;
    public AnalysisPhase Phase { get; init; } = AnalysisPhase.Execution;

    /// <summary>Runtimes to compare, in this order (WarpDiff's vectors depend on it); null = every runtime seen, sorted by name.</summary>
    public IReadOnlyList<string>? Runtimes { get; init; }

    /// <summary>Cases to leave out: an entry matches the full case name or its program name after the suite prefix.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    public double Threshold { get; init; } = DefaultThreshold;
    /// <summary>A fixed duration floor (ms) replacing <see cref="DurationFloor"/>'s precision rule: cases whose fastest runtime
    /// is quicker are left out of the execution/total list. Null (default) = the precision rule.</summary>
    public double? FloorMs { get; init; }

    /// <summary>The runs are published means (one per cell), not individual runs: no CI, verdict from the factor alone.</summary>
    public bool MeansOnly { get; init; }

    /// <summary>Seed of the bootstrap: the same runs and seed give the same intervals.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Keep at most this many findings of each kind (and ranking rows); null = all.</summary>
    public int? Top { get; init; }
}
