using WasmPerfDiff.Measurement;


namespace WasmPerfDiff.Analysis;

/// <summary>
/// Entry point of the analysis stage (docs/ARCHITECTURE.md): runs of a campaign (or WarpDiff's published means) in,
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
        // Without runs behind them (published means) factors decide alone; measured cells need an interval
        // (≥ CellBootstrap.MinRuns runs), and a cell with fewer leaves its findings undecided.
        var meansOnly = options.MeansOnly || !CellBootstrap.CanBootstrap(table.Samples);
        var medians = CellMedians(table);
        List<int> analysed;
        bool[]? rankable = null;
        if (options.Phase == AnalysisPhase.Load) analysed = AllCases(table);
        else (analysed, rankable) = DurationFloor.Rankable(table, medians, options.Threshold, options.FloorMs);
        var bootstrap = options.MeansOnly ? null : new CellBootstrap(table.Samples, options.Seed, table.RuntimeCount, table.Baselines);

        var timing = TimingModel.Findings(table, medians, analysed, options.Threshold, bootstrap,
            options.Phase == AnalysisPhase.Load ? FindingKind.Startup : null);
        if (rankable != null) timing = OnRankableCells(timing, table, rankable);
        timing.Sort(TimingModel.Compare);

        var findings = new List<Finding>(Take(timing, options.Top));
        if (load is { CaseCount: > 0 })
        {
            // Startup/load is its own list (docs/ARCHITECTURE.md): no duration floor, as loading is short by nature.
            var startup = TimingModel.Findings(load, CellMedians(load), AllCases(load), options.Threshold,
                options.MeansOnly ? null : new CellBootstrap(load.Samples, options.Seed, load.RuntimeCount, load.Baselines), FindingKind.Startup);
            startup.Sort(TimingModel.Compare);
            findings.AddRange(Take(startup, options.Top));
        }
        if (!meansOnly)
            findings.AddRange(Take(InstabilityDetector.Findings(table, medians, analysed), options.Top));
        if (options.Phase != AnalysisPhase.Load)
            findings.AddRange(Take(TierInversion.Findings(table, medians, analysed, options.Threshold, options.MeansOnly ? null : bootstrap), options.Top));
        findings.AddRange(Take(divergences, options.Top));

        return new AnalysisResult(AnalysisMethod.Robust, options.Phase, table.CaseCount, table.Runtimes,
            table.DroppedCases, table.ExcludedCases, table.CaseCount - analysed.Count, options.MeansOnly, options.Threshold,
            options.FloorMs, WithMethods(findings, table, load), [], null, Cells(table, medians, options.Threshold),
            ConsensusFit.Summarize(table, medians, ShortCases(table, analysed)))
            { LeftOutRuntimes = table.LeftOutRuntimes };
    }

    /// <summary>Drops findings of cells the precision floor leaves unranked (their peers' medians still enter the factors: a peer factor is a median over three peers).</summary>
    private static List<Finding> OnRankableCells(List<Finding> findings, CellTable table, bool[] rankable)
    {
        var caseIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < table.CaseCount; c++) caseIndex[table.Cases[c]] = c;
        var runtimeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < table.RuntimeCount; r++) runtimeIndex[table.Runtimes[r]] = r;
        bool Ok(string c, string? r) => r is null || (caseIndex.TryGetValue(c, out var ci) && runtimeIndex.TryGetValue(r, out var ri)
                                                      && rankable[ci * table.RuntimeCount + ri]);
        return findings.Where(f => Ok(f.Case, f.Runtime)).ToList();
    }

    /// <summary>Each cell's phase method and precision floor, for the report and the JSON document.</summary>
    private static List<CellPhaseMethod> Cells(CellTable table, double[] medians, double threshold)
    {
        var floors = DurationFloor.CellFloors(table, threshold);
        var cells = new List<CellPhaseMethod>(medians.Length);
        for (var c = 0; c < table.CaseCount; c++)
        for (var r = 0; r < table.RuntimeCount; r++)
        {
            var i = c * table.RuntimeCount + r;
            cells.Add(new CellPhaseMethod(table.Cases[c], table.Runtimes[r], table.Methods[i], medians[i], floors[i]));
        }
        return cells;
    }

    /// <summary>Stamps each timing finding with the method its cell's phase was measured by.</summary>
    private static List<Finding> WithMethods(List<Finding> findings, CellTable table, CellTable? load)
    {
        PhaseMethod? MethodOf(CellTable t, string c, string r)
        {
            var ci = t.Cases is IList<string> l ? l.IndexOf(c) : -1;
            var ri = t.Runtimes is IList<string> k ? k.IndexOf(r) : -1;
            return ci < 0 || ri < 0 ? null : t.Methods[ci * t.RuntimeCount + ri];
        }
        return findings.Select(f => f.Kind switch
        {
            FindingKind.Consensus or FindingKind.Peer or FindingKind.Instability or FindingKind.TierInversion => f with { Method = MethodOf(table, f.Case, f.Runtime) },
            FindingKind.Startup => f with { Method = MethodOf(load ?? table, f.Case, f.Runtime) },
            _ => f,
        }).ToList();
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
        if (options.FloorMs is double f && !(f >= 0)) throw new BadInputException($"the duration floor must be ≥ 0 ms (got {options.FloorMs})", nameof(options.FloorMs));
        if (options.Top is < 1) throw new BadInputException($"must be at least 1 (got {options.Top})", nameof(options.Top));
    }
}
