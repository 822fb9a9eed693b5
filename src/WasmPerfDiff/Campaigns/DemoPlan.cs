using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// The settings of <c>demo</c>: the default campaign shaped to finish within a time budget on a small
/// machine (target: ≥ 40 cases × ≥ 6 runtimes in ≤ 10 min on 2 cores). Measured, not guessed: see
/// bench/demo and the README's demo section for the numbers behind each choice.
/// </summary>
public static class DemoPlan
{
    /// <summary>
    /// Kept back from the budget for analysis and report writing (bootstrap + charts take a few seconds)
    /// and for the run still in flight when the campaign's clock runs out.
    /// </summary>
    public static readonly TimeSpan ReportReserve = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The campaign may not shrink below this: a shorter budget could not even finish one round.
    /// </summary>
    public static readonly TimeSpan MinCampaignTime = TimeSpan.FromSeconds(10);

    /// <summary>Three runs per cell: the fewest with a median that one outlier cannot move, and a bootstrap CI.</summary>
    public const int MinRuns = 3;

    /// <summary>Noisy cells get up to five runs when the budget allows (the stopping rule ends steady ones at three).</summary>
    public const int MaxRuns = 5;

    /// <summary>
    /// No warmup runs: the execution phase is timed inside the engine after compilation, so the first-touch
    /// costs a warmup absorbs (page cache, loading the runtime) fall into startup/compile, and the median of
    /// three runs discards one cold run there. A warmup would cost a quarter of the budget.
    /// </summary>
    public const int Warmup = 0;

    /// <summary>
    /// Input size of the demo's cases: <c>demo</c>, calibrated per case (<c>calibrate --size demo --target-ms 16</c>) so that
    /// the fastest runtimes' execution takes 10–20 ms, a few times the demo's <see cref="FloorMs"/>, and every case is ranked.
    /// <c>default</c> (about half a second on the reference runtime) would be stretched by interpreters (wasmtime-pulley,
    /// ≈ 30×) to many seconds per run, far beyond ten minutes; <c>test</c> leaves most cases under the floor.
    /// </summary>
    public const string DefaultSize = "demo";

    /// <summary>The size a corpus without <see cref="DefaultSize"/> (a foreign one, or an older manifest) runs at instead.</summary>
    public const string FallbackSize = CorpusCase.TestSize;

    /// <summary>The size the demo runs: the one asked for, except that <see cref="DefaultSize"/> falls back to
    /// <see cref="FallbackSize"/> when a selected case of the corpus lacks it.</summary>
    public static string SizeFor(string? corpusDirectory, string? casesGlob, string requested)
    {
        if (requested != DefaultSize) return requested;
        var cases = CorpusSet.Open(corpusDirectory ?? CorpusLocator.Locate(null)).Cases.Where(c => CampaignCases.Matches(casesGlob, c.Name));
        return cases.All(c => c.Sizes.ContainsKey(DefaultSize)) ? DefaultSize : FallbackSize;
    }

    /// <summary>
    /// Duration floor of the demo's ranking. The default floor (100 ms) guards wall times against process
    /// start and timer noise; the demo ranks the execution phase that the engines time in-process, and its
    /// test-size cases run for milliseconds, so a lower floor keeps them in the ranking while still leaving
    /// out cells whose time is down at the resolution of a scheduler tick.
    /// </summary>
    public const double FloorMs = 2;

    /// <summary>The demo's campaign settings for a budget (the seed, corpus and config are completed like any campaign's):
    /// the minimum runs are fitted to the budget from measured costs (<see cref="BudgetFit"/>).</summary>
    public static CampaignSettings Settings(TimeSpan budget, string size, IReadOnlyList<string> runtimes, string? casesGlob)
    {
        if (budget <= TimeSpan.Zero) throw new BadInputException("the time budget must be positive", "MaxTime");
        var campaignTime = budget - ReportReserve;
        if (campaignTime < MinCampaignTime) campaignTime = MinCampaignTime;
        return new CampaignSettings
        {
            Warmup = Warmup,
            MinRuns = MinRuns,
            MaxRuns = MaxRuns,
            MaxTime = campaignTime,
            Runtimes = runtimes,
            CasesGlob = casesGlob,
            Size = size,
            FitMinRunsToBudget = true,
        };
    }
}
