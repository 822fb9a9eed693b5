namespace WasmPerfDiff.Workflows;

/// <summary>
/// What <c>reduce</c> asks for: a campaign's finding (<see cref="Database"/> with <see cref="Case"/> and
/// <see cref="Runtime"/>, or <see cref="Finding"/>, or the <see cref="Top"/> anomalies), or a module
/// (<see cref="Wasm"/> with <see cref="Runtime"/> and <see cref="Peers"/>); the output folder and the time budget.
/// </summary>
public sealed record ReduceRequest
{
    public static readonly TimeSpan DefaultMaxTime = TimeSpan.FromMinutes(30);

    public string? Database { get; init; }
    public string? Case { get; init; }
    public string? Runtime { get; init; }
    public int? Finding { get; init; }
    public int? Top { get; init; }
    public string? Wasm { get; init; }
    public IReadOnlyList<string> Peers { get; init; } = [];
    /// <summary>The module's guest arguments (with <see cref="Wasm"/>); a campaign's case brings its own.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];
    public required string Out { get; init; }
    /// <summary>The budget of the whole command (split evenly over the findings of <see cref="Top"/>).</summary>
    public TimeSpan MaxTime { get; init; } = DefaultMaxTime;
    public string? ConfigPath { get; init; }
    public long Seed { get; init; } = 1;
    /// <summary>Campaign database of the construct corpus (<c>gen constructs</c>): ISSUE.md shows the target's fingerprint cell of the reduced program's construct.</summary>
    public string? Constructs { get; init; }
    /// <summary>Runs per side of the before and after measurements.</summary>
    public int Runs { get; init; } = 9;
    public Campaigns.CompareMetric Metric { get; init; } = Campaigns.CompareMetric.Phases;
}

/// <summary>Where a reduction is: sizes at start and now, the factor of the last kept candidate, steps tried and kept, time left.</summary>
public sealed record ReduceProgress(string Name, string SizeAtStart, string SizeNow, double? Factor, int Tried, int Kept, TimeSpan Left);

/// <summary>Every reduction of one <c>reduce</c>, and the groups of those that likely share a root cause (<see cref="Reduction.ReductionGroups"/>).</summary>
public sealed record ReduceResult(IReadOnlyList<Reduction.ReductionSummary> Reductions, IReadOnlyList<Reduction.DuplicateGroup> Groups);
