namespace WasmPerfDiff.Analysis;

/// <summary>
/// The second oracle, which needs no other engine (Jittery, OOPSLA 2026): the same program on two tiers of one
/// engine, where the optimizing tier should not lose to the baseline tier. A cell is a tier inversion when the
/// optimizing tier is no faster than its own baseline tier on the case (time ratio ≥ 1) and that ratio lies beyond
/// the engine's usual optimizing/baseline ratio by more than the ratio's usual spread.
/// <para>Factor = (t_opt / t_base on the case) / (the pair's usual ratio, median over every case of the table);
/// its 95 % interval is the bootstrap of both cells' medians (<see cref="CellBootstrap"/>) with the usual ratio
/// held fixed, as the timing model does. Verdict: anomaly when the whole interval is at or above the level
/// max(threshold, exp(<see cref="SpreadMultiplier"/> × spread)), spread = scaled MAD over cases of the pair's log ratio.</para>
/// </summary>
public static class TierInversion
{
    /// <summary>
    /// (optimizing tier, baseline tier) of one engine, by runtime name. A suffix after '@' (a second install,
    /// e.g. <c>v8-turbofan@22</c>) pairs with the same suffix only. Chosen as "optimizing vs baseline":
    /// Cranelift against Winch (Wasmtime's baseline compiler) and against Cranelift with its optimizer off;
    /// TurboFan against Liftoff; JSC's OMG against BBQ; WAMR's LLVM JIT against its Fast JIT and the Fast JIT
    /// against the classic interpreter (a JIT should not lose to its own engine's interpreter); WasmEdge's AOT
    /// against its interpreter. Not paired: wasm3 with and without --compile (both interpret), Pulley (an
    /// interpreter of a different design, not a tier of Cranelift), AOT against JIT of one engine (the same
    /// compiler at another time, not a weaker tier).
    /// </summary>
    public static readonly IReadOnlyList<(string Optimizing, string Baseline)> Pairs =
    [
        ("wasmtime-cranelift", "wasmtime-winch"),
        ("wasmtime-cranelift", "wasmtime-cranelift-o0"),
        ("v8-turbofan", "v8-liftoff"),
        ("jsc-omg", "jsc-bbq"),
        ("iwasm-llvm-jit", "iwasm-fast-jit"),
        ("iwasm-fast-jit", "iwasm-classic"),
        ("wasmedge-aot", "wasmedge"),
    ];

    /// <summary>How many usual spreads (scaled MAD, ≈ one standard deviation for normal noise) beyond the usual ratio an
    /// inversion must lie, besides the analysis threshold: one. A cell is listed only when the optimizing tier is no faster
    /// at all (ratio ≥ 1), which is already out of line for a pair whose usual ratio is below 1; the spread keeps pairs
    /// whose ratio swings widely from program to program (a JIT against an interpreter: 0.05× to 0.5×) from flagging
    /// ordinary swings. (Three spreads asked for 40× on five programs of WAMR's Fast JIT vs its interpreter.)</summary>
    public const double SpreadMultiplier = 1;

    /// <summary>The usual spread is at least this (log units, 5 %): with few cases a pair can look unnaturally tight.</summary>
    public const double MinSpread = 0.05;

    /// <summary>The pairs of <paramref name="runtimes"/>: (optimizing index, baseline index).</summary>
    public static List<(int Optimizing, int Baseline)> PairsIn(IReadOnlyList<string> runtimes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < runtimes.Count; i++) index[runtimes[i]] = i;
        var found = new List<(int, int)>();
        foreach (var name in runtimes)
        {
            var at = name.IndexOf('@');
            var (stem, suffix) = at < 0 ? (name, "") : (name[..at], name[at..]);
            foreach (var (opt, baseline) in Pairs)
                if (opt == stem && index.TryGetValue(baseline + suffix, out var b))
                    found.Add((index[name], b));
        }
        return found;
    }

    /// <summary>Tier inversions on the cases <paramref name="reported"/>; the usual ratio and spread come from every case.
    /// <paramref name="bootstrap"/> null = published means (verdict from the factor alone).</summary>
    public static List<Finding> Findings(CellTable table, double[] cellMedians, IReadOnlyList<int> reported, double threshold, CellBootstrap? bootstrap)
    {
        var findings = new List<Finding>();
        int rt = table.RuntimeCount, n = table.CaseCount;
        if (n < TimingModel.MinCases) return findings;
        foreach (var (o, b) in PairsIn(table.Runtimes))
        {
            var logRatio = new double[n];
            for (var c = 0; c < n; c++) logRatio[c] = Math.Log(cellMedians[c * rt + o]) - Math.Log(cellMedians[c * rt + b]);
            var scratch = logRatio.ToArray();
            var usual = RobustStats.Median(scratch);
            var spread = Math.Max(MinSpread, RobustStats.ScaledMad(logRatio, usual, scratch));
            var level = Math.Max(threshold, Math.Exp(SpreadMultiplier * spread));
            foreach (var c in reported)
            {
                if (logRatio[c] < 0) continue; // the optimizing tier is faster: no inversion, however unusual
                var logFactor = logRatio[c] - usual;
                if (logFactor <= 0) continue;
                double? lo = null, hi = null;
                string? undecided = null;
                if (bootstrap != null)
                {
                    if (bootstrap.HasInterval(c * rt + o) && bootstrap.HasInterval(c * rt + b))
                        (lo, hi) = CellBootstrap.Interval(Resamples(bootstrap, c * rt + o, c * rt + b, usual));
                    else undecided = $"; undecided: fewer than {CellBootstrap.MinRuns} runs in a cell";
                }
                var factor = Math.Exp(logFactor);
                findings.Add(new Finding(table.Cases[c], table.Runtimes[o], factor, lo, hi,
                    bootstrap is null ? Verdicts.OfMeans(factor, level) : Verdicts.Of(lo, hi, level),
                    FindingKind.TierInversion, table.Runtimes[b], logFactor / spread,
                    $"{Math.Exp(logRatio[c]):0.00}× the time of {table.Runtimes[b]} (usually {Math.Exp(usual):0.00}×; level {level:0.00}×){undecided}"));
            }
        }
        findings.Sort(TimingModel.Compare);
        return findings;
    }

    private static double[] Resamples(CellBootstrap bootstrap, int optimizingCell, int baselineCell, double usual)
    {
        var opt = bootstrap.LogMedians(optimizingCell);
        var baseline = bootstrap.LogMedians(baselineCell);
        var result = new double[opt.Length];
        for (var i = 0; i < result.Length; i++) result[i] = opt[i] - baseline[i] - usual;
        return result;
    }
}
