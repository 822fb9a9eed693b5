namespace WasmPerfDiff.Analysis;

/// <summary>
/// docs/ARCHITECTURE.md, analysis: a cell whose runs scatter far more than that runtime's runs usually do (a JIT tier that
/// sometimes kicks in, a GC that sometimes runs, a cache effect). Relative spread of a cell = interquartile range /
/// median of its runs (scale-free). The IQR rather than the MAD: the MAD ignores up to half of the runs, so a cell
/// where a third of the runs take a slow path would look steady; the IQR sees a quarter.
/// <para>A loaded machine widens every cell measured in the same minutes, and on a few runs that alone made one cell in
/// seven "unstable" (issue 22). So the spread is judged on runs first corrected for the machine's load at the time, and
/// must show in both halves of the cell's runs:</para>
/// <list type="number">
/// <item>Load: each run is divided by the median slowdown (run / its cell's median) of itself and the runs of other
/// cells measured just before and after it (<see cref="Neighbours"/> each side). A burst of load slows those neighbours
/// too and is divided out; a cell's own slow path does not slow other cells and stays. The run itself is in the
/// median so that at the edge of a burst the majority decides (a run just inside a burst has the burst on one side
/// and itself, one just outside has calm on one side and itself).</item>
/// <item>Halves: the cell's runs in round order are split into an earlier and a later half, and each half's spread is
/// compared with the typical spread of that runtime's cells in the same half (the cells measured in the same rounds).
/// Both must be at least <see cref="SpreadRatio"/> times it: a property of the cell shows in every stretch of the
/// campaign, a load spike in one.</item>
/// </list>
/// The finding's <see cref="Finding.SpreadRatio"/> is the smaller of the two ratios; it is not a slowdown, so the
/// finding has no factor, interval or verdict.
/// </summary>
public static class InstabilityDetector
{
    /// <summary>A spread this many times the runtime's typical one is "far beyond" it.</summary>
    public const double SpreadRatio = 5;

    /// <summary>Below 5 % relative IQR a half is steady enough not to report, whatever its runtime's typical spread.</summary>
    public const double MinRelativeSpread = 0.05;

    /// <summary>Floor of the typical spread (0.5 %): timers and schedulers do not do better, so smaller typical spreads are luck.</summary>
    public const double MinTypicalSpread = 0.005;

    /// <summary>Each half needs three runs for a quartile spread.</summary>
    public const int MinRuns = 6;

    /// <summary>Runs of other cells, each side in time, that tell the machine's load when a run was measured.</summary>
    public const int Neighbours = 4;

    public static List<Finding> Findings(CellTable table, double[] cellMedians, IReadOnlyList<int> caseIndices)
    {
        var rt = table.RuntimeCount;
        var runs = LoadCorrected(table, cellMedians, caseIndices);
        var spread = new (double Early, double Late)[table.Samples.Length];
        Array.Fill(spread, (double.NaN, double.NaN));
        foreach (var c in caseIndices)
        for (var r = 0; r < rt; r++)
        {
            var cell = c * rt + r;
            if (runs[cell] is not { Length: >= MinRuns } ordered) continue;
            var half = ordered.Length / 2;
            spread[cell] = (RelativeSpread(ordered[..half]), RelativeSpread(ordered[half..]));
        }

        var findings = new List<Finding>();
        for (var r = 0; r < rt; r++)
        {
            var cells = caseIndices.Select(c => c * rt + r).Where(i => !double.IsNaN(spread[i].Early)).ToArray();
            if (cells.Length < TimingModel.MinCases) continue;
            var typicalEarly = Math.Max(MinTypicalSpread, RobustStats.Median(cells.Select(i => spread[i].Early).ToArray()));
            var typicalLate = Math.Max(MinTypicalSpread, RobustStats.Median(cells.Select(i => spread[i].Late).ToArray()));
            foreach (var cell in cells)
            {
                var (early, late) = spread[cell];
                if (Math.Min(early, late) < MinRelativeSpread) continue;
                var ratio = Math.Min(early / typicalEarly, late / typicalLate);
                if (ratio < SpreadRatio) continue;
                findings.Add(new Finding(table.Cases[cell / rt], table.Runtimes[r], null, null, null, null, FindingKind.Instability, null, ratio,
                    $"relative IQR {early:P0} / {late:P0} (earlier / later runs) vs {typicalEarly:P1} / {typicalLate:P1} typical for {table.Runtimes[r]}")
                    { SpreadRatio = ratio });
            }
        }
        findings.Sort((a, b) => b.Score.CompareTo(a.Score));
        return findings;
    }

    private static double RelativeSpread(double[] runs)
    {
        var sorted = runs.ToArray();
        return (RobustStats.Percentile(sorted, 0.75) - RobustStats.Percentile(sorted, 0.25)) / RobustStats.Median(sorted.ToArray());
    }

    /// <summary>Each analysed cell's runs in round order, divided by the load of the machine when each was measured (the
    /// median of run / cell median over the run and the <see cref="Neighbours"/> runs of other cells on each side in time). Without
    /// start times (a table of simulated or published numbers) the runs are kept as they are, in sample order.</summary>
    private static double[]?[] LoadCorrected(CellTable table, double[] cellMedians, IReadOnlyList<int> caseIndices)
    {
        var rt = table.RuntimeCount;
        var result = new double[]?[table.Samples.Length];
        var all = new List<(long Ticks, int Round, int Cell, int Index)>();
        foreach (var c in caseIndices)
        for (var r = 0; r < rt; r++)
        {
            var cell = c * rt + r;
            result[cell] = table.Samples[cell].ToArray();
            if (table.When is null) continue;
            for (var i = 0; i < table.Samples[cell].Length; i++) all.Add((table.When[cell][i].StartTicks, table.When[cell][i].Round, cell, i));
        }
        if (table.When is null) return result;

        all.Sort((a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks)
            : a.Round != b.Round ? a.Round.CompareTo(b.Round) : a.Cell != b.Cell ? a.Cell.CompareTo(b.Cell) : a.Index.CompareTo(b.Index));
        double Slowdown(int k) => table.Samples[all[k].Cell][all[k].Index] / cellMedians[all[k].Cell];
        var around = new List<double>(2 * Neighbours + 1);
        for (var k = 0; k < all.Count; k++)
        {
            around.Clear();
            around.Add(Slowdown(k));
            for (int j = k - 1, n = 0; j >= 0 && n < Neighbours; j--)
                if (all[j].Cell != all[k].Cell) { around.Add(Slowdown(j)); n++; }
            for (int j = k + 1, n = 0; j < all.Count && n < Neighbours; j++)
                if (all[j].Cell != all[k].Cell) { around.Add(Slowdown(j)); n++; }
            result[all[k].Cell]![all[k].Index] /= RobustStats.Median(around.ToArray());
        }

        // Round order, so the halves are the earlier and the later runs of the campaign.
        foreach (var c in caseIndices)
        for (var r = 0; r < rt; r++)
        {
            var cell = c * rt + r;
            var rounds = table.When[cell].Select(w => w.Round).ToArray();
            Array.Sort(rounds, result[cell]!);
        }
        return result;
    }
}
