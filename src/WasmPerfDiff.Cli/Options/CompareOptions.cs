using System.CommandLine;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Options;

/// <summary>The campaign options <c>compare</c> and <c>bisect</c> share (each step of a bisect is a compare).</summary>
public sealed class CompareOptions
{
    private static readonly CampaignSettings Defaults = CompareWorkflow.DefaultSettings;

    public Option<string?> Corpus { get; } = CaseOptions.Corpus("corpus directory (default: the project corpus)");
    public Option<string> Size { get; } = CaseOptions.Size();
    public Option<double> Threshold { get; } = new("--threshold") { Description = "relative change that counts, in percent", DefaultValueFactory = _ => CompareSettings.DefaultThreshold * 100 };
    public Option<CompareMetric> Metric { get; } = WireOption.Create<CompareMetric>("--metric", CompareMetric.Phases, "phases: execution (and load) phase wall time | cpu: user+system CPU time of the run (steadier on a loaded machine)");
    public Option<int> Warmup { get; } = new("--warmup") { Description = "unmeasured runs per cell first", DefaultValueFactory = _ => Defaults.Warmup };
    public Option<int> MinRuns { get; } = new("--min-runs") { Description = "measured runs per side before a case may stop", DefaultValueFactory = _ => Defaults.MinRuns };
    public Option<int> MaxRuns { get; } = new("--max-runs") { Description = "measured runs per side at most (an unsure case runs them all)", DefaultValueFactory = _ => Defaults.MaxRuns };
    public Option<string?> MaxTime { get; } = new("--max-time") { Description = "time budget of each compare: 90s, 5m, 1h30m" };
    public Option<double?> Timeout { get; } = new("--timeout") { Description = "per-run timeout in seconds (default: adaptive)" };
    public Option<long?> Seed { get; } = CommonOptions.Seed<long?>("seed of the run order and the bootstrap (default: random, stored)");

    public IEnumerable<Option> All => [Corpus, Size, Threshold, Metric, Warmup, MinRuns, MaxRuns, MaxTime, Timeout, Seed];

    /// <summary>The threshold as a fraction (2 → 0.02).</summary>
    public double ThresholdFraction(ParseResult pr) => pr.GetValue(Threshold) / 100;

    public CampaignSettings Settings(ParseResult pr, string? cases) => Defaults with
    {
        Warmup = pr.GetValue(Warmup), MinRuns = pr.GetValue(MinRuns), MaxRuns = pr.GetValue(MaxRuns),
        MaxTime = pr.GetValue(MaxTime) is { } mt ? DurationParser.Parse(mt) : null,
        Timeout = pr.GetValue(Timeout) is { } t ? Durations.FromSeconds(t, "Timeout") : null,
        CasesGlob = cases, Size = pr.GetValue(Size)!,
    };
}
