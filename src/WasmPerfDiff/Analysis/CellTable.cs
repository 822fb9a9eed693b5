using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// The timing input of the analysis in array form: for each (case, runtime) cell the durations (ms) of
/// its successful runs of one phase. Only cases that have at least one timed run on every selected runtime
/// are kept (<see cref="DroppedCases"/> counts the others). Cell (c, r) is at index c·R + r.
/// </summary>
public sealed class CellTable
{
    public IReadOnlyList<string> Cases { get; }
    public IReadOnlyList<string> Runtimes { get; }
    /// <summary>Durations of the ok runs of each cell, in ms.</summary>
    public double[][] Samples { get; }
    public int DroppedCases { get; }
    public int ExcludedCases { get; }
    /// <summary>Where each cell's durations came from (the method of most of its ok runs); all <see cref="PhaseMethod.Wall"/> when not given.</summary>
    public PhaseMethod[] Methods { get; }
    /// <summary>Per cell, the wall times of its baseline runs when its durations are baseline-subtracted (else null):
    /// the bootstrap resamples them too, so the baseline's uncertainty is in the interval.</summary>
    public double[]?[] Baselines { get; }
    /// <summary>Selected runtimes without a single timed (ok) cell: left out of the table, so that one runtime that
    /// always fails does not drop every case, and reported instead.</summary>
    public IReadOnlyList<string> LeftOutRuntimes { get; init; } = [];
    /// <summary>Per cell, when each of its samples was measured (same order as <see cref="Samples"/>): the round, and the
    /// start time in ticks. Null for tables without runs behind them (published means, simulations): the instability
    /// detector then splits a cell by sample order and cannot compare it with its neighbours in time.</summary>
    public (int Round, long StartTicks)[][]? When { get; init; }

    public int CaseCount => Cases.Count;
    public int RuntimeCount => Runtimes.Count;

    public CellTable(IReadOnlyList<string> cases, IReadOnlyList<string> runtimes, double[][] samples, int droppedCases, int excludedCases,
        PhaseMethod[]? methods = null, double[]?[]? baselines = null)
    {
        if (samples.Length != cases.Count * runtimes.Count)
            throw new ArgumentException("one sample array per (case, runtime) cell is needed", nameof(samples));
        Cases = cases;
        Runtimes = runtimes;
        Samples = samples;
        DroppedCases = droppedCases;
        ExcludedCases = excludedCases;
        Methods = methods ?? new PhaseMethod[samples.Length];
        Baselines = baselines ?? new double[]?[samples.Length];
        if (Methods.Length != samples.Length || Baselines.Length != samples.Length)
            throw new ArgumentException("one method and one baseline entry per cell are needed");
    }

    /// <summary>The duration of <paramref name="phase"/> in one run, or null when the run does not report it.</summary>
    public static double? PhaseMs(RunResult run, AnalysisPhase phase)
    {
        switch (phase)
        {
            case AnalysisPhase.Total:
                return run.WallMs;
            case AnalysisPhase.Execution:
                return run.Phases.ExecuteMs ?? run.WallMs;
            case AnalysisPhase.Load:
                var p = run.Phases;
                if (p.StartupMs is null && p.CompileMs is null && p.InstantiateMs is null) return null;
                return (p.StartupMs ?? 0) + (p.CompileMs ?? 0) + (p.InstantiateMs ?? 0);
            default:
                throw new ArgumentOutOfRangeException(nameof(phase));
        }
    }

    /// <summary>The runtimes to compare: the requested ones in their order, or all seen, sorted by name.</summary>
    public static IReadOnlyList<string> SelectRuntimes(IReadOnlyList<CaseRun> runs, IReadOnlyList<string>? requested)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in runs) seen.Add(run.Result.Runtime);
        if (requested is null || requested.Count == 0)
            return seen.Order(StringComparer.Ordinal).ToArray();
        foreach (var name in requested)
            if (!seen.Contains(name))
                throw new BadInputException($"runtime '{name}' has no runs (known: {string.Join(",", seen.Order(StringComparer.Ordinal))})");
        if (requested.Distinct(StringComparer.Ordinal).Count() != requested.Count)
            throw new BadInputException("a runtime is listed twice", "Runtimes");
        return requested.ToArray();
    }

    /// <summary>
    /// True when <paramref name="caseName"/> is excluded: an entry equals the case name, or equals the program
    /// name after the suite prefix (case names are <c>&lt;suite&gt;-&lt;program&gt;</c>; suites may contain '-').
    /// </summary>
    public static bool IsExcluded(string caseName, IReadOnlyList<string> exclude)
    {
        foreach (var e in exclude)
            if (caseName == e || (caseName.Length > e.Length + 1 && caseName.EndsWith(e, StringComparison.Ordinal)
                                  && caseName[caseName.Length - e.Length - 1] == '-'))
                return true;
        return false;
    }

    /// <summary>True when at least one run reports <paramref name="phase"/> (load is often unknown).</summary>
    public static bool AnyRunHas(IReadOnlyList<CaseRun> runs, AnalysisPhase phase)
    {
        foreach (var run in runs)
            if (PhaseMs(run.Result, phase) != null) return true;
        return false;
    }

    /// <summary>Builds the table of <paramref name="phase"/> from runs; only status ok runs are timed. Baseline-subtracted
    /// runs carry their own paired baseline (its noise is in each sample), so no baseline runs are passed here; a table of
    /// unpaired data passes them to the constructor instead.</summary>
    public static CellTable Build(IReadOnlyList<CaseRun> runs, IReadOnlyList<string> runtimes, IReadOnlyList<string> exclude, AnalysisPhase phase)
    {
        var runtimeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < runtimes.Count; i++) runtimeIndex[runtimes[i]] = i;
        var caseIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var caseNames = new List<string>();
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        var cells = new List<List<double>?[]>();
        var when = new List<List<(int, long)>?[]>();
        var methodCounts = new List<int[]>();
        var methodCount = Enum.GetValues<PhaseMethod>().Length;
        // Runs come grouped by case and runtime from every source we have, so the previous lookup is
        // remembered: 10 M runs then cost 10 M reference comparisons instead of 20 M string hashes.
        string? lastCase = null, lastRuntime = null;
        int c = -1, r = -1;
        foreach (var run in runs)
        {
            if (!ReferenceEquals(run.Result.Runtime, lastRuntime))
            {
                if (!runtimeIndex.TryGetValue(run.Result.Runtime, out r)) r = -1;
                lastRuntime = run.Result.Runtime;
            }
            if (r < 0) continue;
            if (!ReferenceEquals(run.Case, lastCase))
            {
                lastCase = run.Case;
                if (!caseIndex.TryGetValue(run.Case, out c)) c = -1;
            }
            if (c < 0)
            {
                if (excluded.Contains(run.Case)) continue;
                if (IsExcluded(run.Case, exclude)) { excluded.Add(run.Case); continue; }
                c = caseNames.Count;
                caseIndex[run.Case] = c;
                caseNames.Add(run.Case);
                cells.Add(new List<double>?[runtimes.Count]);
                when.Add(new List<(int, long)>?[runtimes.Count]);
                methodCounts.Add(new int[runtimes.Count * methodCount]);
            }
            if (run.Result.Status != RunStatus.Ok) continue;
            methodCounts[c][r * methodCount + (int)run.Result.PhaseMethod]++;
            if (PhaseMs(run.Result, phase) is not double ms || double.IsNaN(ms) || double.IsInfinity(ms)) continue;
            // A baseline-subtracted phase at or below zero is a real run whose work is within the baseline's noise:
            // kept as 1 µs so the cell keeps its run count (the precision floor then leaves it unranked).
            if (!(ms > 0))
            {
                if (run.Result.PhaseMethod == PhaseMethod.Baseline && phase == AnalysisPhase.Execution) ms = 1e-3;
                else continue;
            }
            (cells[c][r] ??= []).Add(ms);
            (when[c][r] ??= []).Add((run.Round, run.Result.StartedAt.UtcTicks));
        }

        // A runtime with no timed cell at all would empty the table (every case lacks it): leave it out and say so.
        var kept = Enumerable.Range(0, runtimes.Count).Where(j => cells.Any(row => row[j] is { Count: > 0 })).ToArray();
        var leftOut = Enumerable.Range(0, runtimes.Count).Except(kept).Select(j => runtimes[j]).ToArray();
        if (leftOut.Length > 0 && kept.Length > 0)
        {
            runtimes = kept.Select(j => runtimes[j]).ToArray();
            for (var i = 0; i < cells.Count; i++) cells[i] = kept.Select(j => cells[i][j]).ToArray();
            for (var i = 0; i < when.Count; i++) when[i] = kept.Select(j => when[i][j]).ToArray();
        }
        else leftOut = [];

        // Cases in name order so results do not depend on the order runs were stored in.
        var order = Enumerable.Range(0, caseNames.Count).Where(i => cells[i].All(l => l is { Count: > 0 }))
            .OrderBy(i => caseNames[i], StringComparer.Ordinal).ToArray();
        var samples = new double[order.Length * runtimes.Count][];
        var methods = new PhaseMethod[samples.Length];
        var times = new (int, long)[samples.Length][];
        for (var i = 0; i < order.Length; i++)
        for (var j = 0; j < runtimes.Count; j++)
        {
            var cell = i * runtimes.Count + j;
            samples[cell] = cells[order[i]][j]!.ToArray();
            times[cell] = when[order[i]][j]!.ToArray();
            var counts = methodCounts[order[i]].AsSpan(j * methodCount, methodCount);
            var best = 0;
            for (var m = 1; m < methodCount; m++) if (counts[m] > counts[best]) best = m;
            methods[cell] = (PhaseMethod)best;
        }
        return new CellTable(order.Select(c => caseNames[c]).ToArray(), runtimes, samples,
            caseNames.Count - order.Length, excluded.Count, methods) { LeftOutRuntimes = leftOut, When = times };
    }
}
