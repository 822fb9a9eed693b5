using System.Text.Json;

using WasmPerfDiff.Corpus;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Everything that decides what a campaign runs and when it stops. Stored as JSON in the campaign
/// row, so <c>run --resume</c> continues with exactly the settings the campaign started with.
/// </summary>
public sealed record CampaignSettings
{
    /// <summary>Unmeasured runs per cell before round 1: first-touch costs (page cache, lazy
    /// loading of the runtime binary) would otherwise land in the first measured run.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Measured runs every cell gets before the stopping rule may stop it.</summary>
    public int MinRuns { get; init; } = 3;

    /// <summary>Hard cap of measured runs per cell.</summary>
    public int MaxRuns { get; init; } = 10;

    /// <summary>Stop a cell when the 95 % CI half-width of its median wall time is under this
    /// fraction of the median (3 %: well below the 2× and more that WarpDiff's confirmed issues show).</summary>
    public double TargetRelativeCi { get; init; } = 0.03;

    /// <summary>Time budget of the whole campaign; no new run starts after it. Null = unbounded.</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>Fixed per-run timeout overriding <see cref="RunTimeoutPolicy"/>'s adaptive one.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Seed of the round orders: the same seed gives the same run order.</summary>
    public long Seed { get; init; }

    // What was selected, kept so a resume re-selects the same cases and runtimes.
    public string? Corpus { get; init; }
    public string? CasesGlob { get; init; }
    public IReadOnlyList<string> Runtimes { get; init; } = [];
    /// <summary>Runtime config file the campaign started with (user-defined runtimes).</summary>
    public string? Config { get; init; }
    public string Size { get; init; } = "test";

    /// <summary>The shard of a campaign split over machines (<c>run --shard I/N</c>), with the cases it chose; null = every case.</summary>
    public CampaignShard? Shard { get; init; }

    /// <summary>When a cell's run has no execution phase of its own (no guest markers, no runner side channel), run the
    /// cell's baseline module (<see cref="Corpus.BaselineModule"/>) right after each measured run and take execution =
    /// run − that baseline. Pairing each run with its own baseline cancels the slow drift of a loaded machine that a
    /// baseline measured once per cell would not; false = such cells stay on wall time.</summary>
    public bool BaselineSubtraction { get; init; } = true;

    /// <summary>Set for a <c>compare</c> campaign: its two runtimes run interleaved A/B/B/A per case; null = an ordinary
    /// campaign with shuffled rounds.</summary>
    public CompareSettings? Compare { get; init; }

    /// <summary>Between rounds, when the cells still short of <see cref="MinRuns"/> would need more than what is left of
    /// <see cref="MaxTime"/> (projected from what their runs cost so far), drop whole cases, the most expensive first, until
    /// the rest fits, and take them back when a later check finds room (<see cref="BudgetFit"/>; the demo's plan). False = the budget simply ends the campaign, and
    /// <c>run --resume</c> continues it.</summary>
    public bool FitMinRunsToBudget { get; init; }

    /// <summary>True for imported published means (WarpDiff): one "run" per cell that is itself a mean.</summary>
    public bool MeansOnly { get; init; }

    /// <summary>A fresh campaign's settings with what the user left open decided: a random seed, the corpus the
    /// locator finds and the runtime config file in use, both as full paths so that a resume reopens the same ones.</summary>
    public CampaignSettings Completed(long? seed, string? corpusDirectory, string? configPath) => this with
    {
        Seed = seed ?? Random.Shared.NextInt64(1, 1L << 53),
        Corpus = CorpusLocator.Locate(corpusDirectory),
        Config = RuntimeConfig.Locate(configPath) is { } config ? System.IO.Path.GetFullPath(config) : null,
    };

    public void Validate()
    {
        if (Warmup < 0) throw new BadInputException("must be ≥ 0", nameof(Warmup));
        if (MinRuns < 1) throw new BadInputException("must be ≥ 1", nameof(MinRuns));
        if (MaxRuns < MinRuns) throw new BadInputException($"({MaxRuns}) must be ≥ the minimum runs per cell ({MinRuns})", nameof(MaxRuns));
        if (TargetRelativeCi <= 0) throw new BadInputException("the CI target must be > 0", nameof(TargetRelativeCi));
        if (!double.IsFinite(TargetRelativeCi)) throw new BadInputException("the CI target must be a finite number", nameof(TargetRelativeCi));
        if (MaxTime is { } t) Durations.Check(t, nameof(MaxTime));
        if (Timeout is { } o) Durations.Check(o, nameof(Timeout));
        Compare?.Validate();
    }

    public static CampaignSettings FromJson(string json)
    {
        try
        {
            var s = JsonSerializer.Deserialize<CampaignSettings>(json, WireJson.Input)
                ?? throw new BadInputException("campaign settings in the database are unreadable (null)");
            if (s.Runtimes.Any(r => r is null)) throw new BadInputException("campaign settings in the database list a null runtime");
            return s;
        }
        catch (JsonException e)
        {
            throw JsonErrors.Describe("campaign settings in the database", e);
        }
    }
}
