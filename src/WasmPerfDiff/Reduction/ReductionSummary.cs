using WasmPerfDiff.Host;

namespace WasmPerfDiff.Reduction;

/// <summary>How a reduction ended (wire names): the reducer <c>finished</c>, the <c>budget</c> ran out, it was <c>interrupted</c>
/// (Ctrl-C), the reducer <c>failed</c>, or the original did <c>not-reproduce</c> its slowdown here (nothing was reduced).</summary>
public enum ReductionEnd { Finished, Budget, Interrupted, Failed, NotReproduced }

/// <summary>
/// One reduction, everything its summary JSON and ISSUE.md show: sizes and measurements before and after (the same
/// measurement, a fixed number of runs), the factor a candidate had to keep, the steps, the dominant construct of the
/// reduced module, the runtimes with their versions and reproduction commands, the host.
/// </summary>
public sealed record ReductionSummary(
    string Name,
    ReductionLevel Level,
    string Language,
    string OutDirectory,
    string Target,
    IReadOnlyList<string> Peers,
    ReductionEnd End,
    TimeSpan Elapsed,
    int Tried,
    int Kept,
    ProgramSize Before,
    ProgramSize After,
    CheckOutcome BeforeCheck,
    CheckOutcome? AfterCheck,
    double RequiredFactor,
    DominantConstruct? Construct,
    IReadOnlyList<RuntimeFacts> Runtimes,
    HostFingerprint Host,
    string? Finding)
{
    /// <summary>The reduced program's file (source or module) and, at source level, its module; both in <see cref="OutDirectory"/>.</summary>
    public required string ProgramFile { get; init; }
    public required string ModuleFile { get; init; }
    public string? TextFile { get; init; }
    /// <summary>The build command of the module from the source (source level), runnable in the output folder.</summary>
    public string? BuildCommand { get; init; }
    /// <summary>With <c>--constructs</c>: the target's fingerprint cell of <see cref="Construct"/> (<see cref="DominantConstruct.CellIn"/>), else null.</summary>
    public Analysis.FingerprintCell? FingerprintCell { get; init; }
    /// <summary>The differential flame graph of the reduced module, target against its first peer (a file of <see cref="OutDirectory"/>), null when there is none.</summary>
    public string? FlameGraph { get; init; }
    /// <summary>Why there is no flame graph, or what to mind reading it (a thin profile); one line, null when there is nothing to say.</summary>
    public string? FlameGraphNote { get; init; }
    /// <summary>What the factors are of.</summary>
    public Campaigns.CompareMetric Metric { get; init; } = Campaigns.CompareMetric.Phases;
}
