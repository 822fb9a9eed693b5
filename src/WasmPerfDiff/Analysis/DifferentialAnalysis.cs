using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// Entry point of the analysis stage (DESIGN §6): runs of a campaign (or WarpDiff's published means) in,
/// ranked findings out. Timing uses only status-ok runs; statuses and stdout hashes feed the divergences.
/// </summary>
public static class DifferentialAnalysis
{
    public static AnalysisResult Analyze(IReadOnlyList<CaseRun> runs, AnalysisOptions options)
    {
        Validate(options);
        var runtimes = CellTable.SelectRuntimes(runs, options.Runtimes);
        if (runtimes.Count < 2) throw new BadInputException("differential analysis needs at least two runtimes");
        var table = CellTable.Build(runs, runtimes, options.Exclude, options.Phase);
        if (table.RuntimeCount < 2)
            throw new BadInputException($"only {string.Join(", ", table.Runtimes)} has ok runs ({string.Join(", ", table.LeftOutRuntimes)} never ran ok): nothing to compare");
        if (options.Method == AnalysisMethod.Warpdiff)
            return AnalyzeTable(table, options);
        var load = options.Phase == AnalysisPhase.Load || !CellTable.AnyRunHas(runs, AnalysisPhase.Load)
            ? null
            : CellTable.Build(runs, runtimes, options.Exclude, AnalysisPhase.Load);
        // Published means carry no outputs, so there is nothing to compare for correctness.
        var divergences = options.MeansOnly ? [] : DivergenceDetector.Findings(runs, runtimes, options.Exclude);
        return Robust(table, load, divergences, options);
    }

    /// <summary>Analysis of a ready-made table (benchmarks, simulations): no startup list and no divergences.</summary>
    public static AnalysisResult AnalyzeTable(CellTable table, AnalysisOptions options)
    {
        Validate(options);
        if (options.Method == AnalysisMethod.Robust)
            return Robust(table, null, [], options);
        var warp = WarpDiffMethod.Rank(table);
        return new AnalysisResult(AnalysisMethod.Warpdiff, options.Phase, table.CaseCount, table.Runtimes,
            table.DroppedCases, table.ExcludedCases, 0, options.MeansOnly || !CellBootstrap.CanBootstrap(table.Samples),
            options.Threshold, options.FloorMs, Take(warp.Findings, options.Top), Take(warp.Ranking, options.Top), warp.Centre)
            { LeftOutRuntimes = table.LeftOutRuntimes };
    }

    private static AnalysisResult Robust(CellTable table, CellTable? load, IReadOnlyList<Finding> divergences, AnalysisOptions options)
    {
        var meansOnly = options.MeansOnly || !CellBootstrap.CanBootstrap(table.Samples);
        var medians = CellMedians(table);
        var analysed = options.Phase == AnalysisPhase.Load ? AllCases(table) : DurationFloor.RankedCases(table, medians, options.FloorMs);
        var bootstrap = meansOnly ? null : new CellBootstrap(table.Samples, options.Seed);

        var timing = TimingModel.Findings(table, medians, analysed, options.Threshold, bootstrap,
            options.Phase == AnalysisPhase.Load ? FindingKind.Startup : null);
        timing.Sort(TimingModel.Compare);

        var findings = new List<Finding>(Take(timing, options.Top));
        if (load is { CaseCount: > 0 })
        {
            // Startup/load is its own list (DESIGN §6 d): no duration floor, as loading is short by nature.
            var loadMeansOnly = meansOnly || !CellBootstrap.CanBootstrap(load.Samples);
            var startup = TimingModel.Findings(load, CellMedians(load), AllCases(load), options.Threshold,
                loadMeansOnly ? null : new CellBootstrap(load.Samples, options.Seed), FindingKind.Startup);
            startup.Sort(TimingModel.Compare);
            findings.AddRange(Take(startup, options.Top));
        }
        if (!meansOnly)
            findings.AddRange(Take(InstabilityDetector.Findings(table, medians, analysed), options.Top));
        findings.AddRange(Take(divergences, options.Top));

        return new AnalysisResult(AnalysisMethod.Robust, options.Phase, table.CaseCount, table.Runtimes,
            table.DroppedCases, table.ExcludedCases, table.CaseCount - analysed.Count, meansOnly, options.Threshold,
            options.FloorMs, findings, [], null, ConsensusFit.Summarize(table, medians, ShortCases(table, analysed)))
            { LeftOutRuntimes = table.LeftOutRuntimes };
    }

    /// <summary>Median of each cell's runs.</summary>
    public static double[] CellMedians(CellTable table)
    {
        var medians = new double[table.Samples.Length];
        Parallel.For(0, medians.Length, () => new List<double>(), (cell, _, scratch) =>
        {
            var runs = table.Samples[cell];
            var buffer = runs.Length <= 256 ? stackalloc double[runs.Length] : new double[runs.Length];
            runs.CopyTo(buffer);
            medians[cell] = RobustStats.Median(buffer);
            return scratch;
        }, _ => { });
        return medians;
    }

    private static IReadOnlySet<string> ShortCases(CellTable table, List<int> ranked) =>
        Enumerable.Range(0, table.CaseCount).Except(ranked).Select(c => table.Cases[c]).ToHashSet(StringComparer.Ordinal);

    private static List<int> AllCases(CellTable table) => Enumerable.Range(0, table.CaseCount).ToList();

    private static IReadOnlyList<T> Take<T>(IReadOnlyList<T> items, int? top) =>
        top is int n && n < items.Count ? items.Take(n).ToList() : items;

    /// <summary>Refuses options no analysis can use (also called by <c>report</c> before it reads anything, so both verbs
    /// accept and refuse the same values).</summary>
    public static void Validate(AnalysisOptions options)
    {
        if (!(options.Threshold > 1) || double.IsInfinity(options.Threshold)) throw new BadInputException($"must be a factor above 1 (got {options.Threshold})", nameof(options.Threshold));
        if (!(options.FloorMs >= 0)) throw new BadInputException($"the duration floor must be ≥ 0 ms (got {options.FloorMs})", nameof(options.FloorMs));
        if (options.Top is < 1) throw new BadInputException($"must be at least 1 (got {options.Top})", nameof(options.Top));
    }
}
