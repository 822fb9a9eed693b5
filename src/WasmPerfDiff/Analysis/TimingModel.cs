namespace WasmPerfDiff.Analysis;

/// <summary>
/// The robust timing model (docs/ARCHITECTURE.md, analysis) on one phase, for the cases given:
/// <list type="number">
/// <item>Cell value = median of its runs; work in log time, so effects are ratios.</item>
/// <item>Consensus: Tukey median polish, log t[c,r] = overall + case[c] + runtime[r] + e[c,r];
///   exp(e) = "r is k× slower on c than its usual speed predicts".</item>
/// <item>Peers: for each pair (a, b), d[c] = log t[c,a] − log t[c,b] − median_c(…): how much slower a is
///   relative to b on c than a usually is relative to b. a's peers are the <see cref="PeerCount"/> runtimes
///   whose ratio to a varies least across cases (interpreters end up with interpreters, JITs with JITs).
///   The peer factor of (c, a) is the median of d over a's peers: with 3 peers, at least two must agree,
///   so a pair anomaly is attributed to a only if a third peer confirms it was a, not its partner.</item>
/// <item>A consensus excess counts only when the peer factor reaches the threshold too: runtime speed is not
///   one number (an interpreter's overhead depends much more on the program than a JIT's), so the consensus
///   alone flags every program where interpreters happen to be relatively fast or slow.</item>
/// <item>Score = log factor / the runtime's robust spread of that kind of factor (scaled MAD over the cases),
///   so a 1.7× jump against tightly tracking peers ranks with a 2.5× one against a noisy consensus.</item>
/// <item>Confidence: <see cref="CellBootstrap"/>, only when every cell a factor uses has at least
///   <see cref="CellBootstrap.MinRuns"/> runs (otherwise the verdict is undecided); the fitted effects and pair medians are held fixed (each
///   is a median over many cells, so its sampling error is small next to a single cell's).</item>
/// </list>
/// </summary>
public static class TimingModel
{
    /// <summary>Peers per runtime: three, so that the median of the pair factors needs two of them to agree.</summary>
    public const int PeerCount = 3;

    /// <summary>
    /// Lower bound of a spread used as a score denominator (log units, i.e. 1 %): keeps near-identical pairs
    /// (wasm3 with and without --compile) from turning trivial differences into huge scores.
    /// </summary>
    public const double MinScale = 0.01;

    /// <summary>At least this many cases are needed to estimate runtime effects and pair medians.</summary>
    public const int MinCases = 3;

    /// <summary>
    /// Findings are listed from factor √threshold up (geometric midpoint between "as predicted" and the
    /// threshold): cells that came close get a verdict too, so a reader sees what was undecided.
    /// </summary>
    public static double ListingLevel(double threshold) => Math.Sqrt(threshold);

    /// <summary>
    /// Findings of the consensus/peer model on the cases <paramref name="reported"/> of <paramref name="table"/>.
    /// The model (runtime effects, pair ratios, peers) is fitted on every case of the table — a runtime's usual
    /// speed is best judged on all programs — but the spreads that scale the scores are measured on the
    /// reported cases only, since short programs below the floor are noisier than the ones being ranked.
    /// <paramref name="kindOverride"/> labels every finding (e.g. <c>startup</c> for the load phase);
    /// <paramref name="listFrom"/> replaces the <see cref="ListingLevel"/> (0 = every cell, as the verdict stopping rule needs).
    /// </summary>
    public static List<Finding> Findings(CellTable table, double[] cellMedians, IReadOnlyList<int> reported,
        double threshold, CellBootstrap? bootstrap, FindingKind? kindOverride = null, double? listFrom = null)
    {
        var findings = new List<Finding>();
        int rt = table.RuntimeCount, n = table.CaseCount;
        if (reported.Count < MinCases || rt < 2) return findings;

        var y = new double[n * rt];
        for (var k = 0; k < y.Length; k++) y[k] = Math.Log(cellMedians[k]);

        var fit = MedianPolish.Fit(y, n, rt);
        var pairs = PairModel.Fit(y, n, rt, Math.Min(PeerCount, rt - 1));
        var peerLog = pairs.PeerFactors(y, n, out var peerOf);

        var consensusScale = new double[rt];
        var peerScale = new double[rt];
        var column = new double[reported.Count];
        var scratch = new double[reported.Count];
        for (var r = 0; r < rt; r++)
        {
            for (var i = 0; i < reported.Count; i++) column[i] = fit.Residual[reported[i] * rt + r];
            consensusScale[r] = Scale(column, scratch);
            for (var i = 0; i < reported.Count; i++) column[i] = peerLog[reported[i] * rt + r];
            peerScale[r] = Scale(column, scratch);
        }

        var logThreshold = Math.Log(threshold);
        var listing = Math.Log(listFrom ?? ListingLevel(threshold));
        var candidates = new List<(int Cell, int Case, int Runtime, bool Consensus, double LogFactor, double Score)>();
        foreach (var c in reported)
        for (var r = 0; r < rt; r++)
        {
            var k = c * rt + r;
            var peerLf = peerLog[k];
            var consensusLf = fit.Residual[k];
            var peerScore = peerLf / peerScale[r];
            var consensusScore = consensusLf / consensusScale[r];
            var useConsensus = peerLf >= logThreshold && consensusScore > peerScore;
            var lf = useConsensus ? consensusLf : peerLf;
            if (lf >= listing)
                candidates.Add((k, c, r, useConsensus, lf, useConsensus ? consensusScore : peerScore));
        }

        // Intervals only for the listed cells, in parallel: each cell's resamples come from its own seeded stream.
        var built = new Finding[candidates.Count];
        Parallel.For(0, candidates.Count, i =>
        {
            var (k, c, r, useConsensus, lf, score) = candidates[i];
            double? lo = null, hi = null;
            string? detail = null;
            var enoughRuns = bootstrap is null || (bootstrap.HasInterval(k)
                && (useConsensus || pairs.Peers[r].All(p => bootstrap.HasInterval(c * rt + p))));
            if (!enoughRuns)
                detail = $"undecided: fewer than {CellBootstrap.MinRuns} runs in a cell it compares, so no interval";
            else if (bootstrap != null)
            {
                var resampled = useConsensus
                    ? ConsensusResamples(bootstrap, k, y[k] - lf)
                    : pairs.PeerResamples(bootstrap, c, r, rt);
                (lo, hi) = CellBootstrap.Interval(resampled);
            }
            var factor = Math.Exp(lf);
            built[i] = new Finding(table.Cases[c], table.Runtimes[r], factor, lo, hi,
                bootstrap is null ? Verdicts.OfMeans(factor, threshold) : Verdicts.Of(lo, hi, threshold),
                kindOverride ?? (useConsensus ? FindingKind.Consensus : FindingKind.Peer),
                useConsensus ? null : table.Runtimes[peerOf[k]],
                score, detail);
        });
        findings.AddRange(built);
        return findings;
    }

    /// <summary>Scaled MAD of a column around its median, at least <see cref="MinScale"/>.</summary>
    private static double Scale(double[] values, double[] scratch)
    {
        values.CopyTo(scratch, 0);
        var median = RobustStats.Median(scratch);
        return Math.Max(MinScale, RobustStats.ScaledMad(values, median, scratch));
    }

    private static double[] ConsensusResamples(CellBootstrap bootstrap, int cell, double fitted)
    {
        var logMedians = bootstrap.LogMedians(cell);
        var result = new double[logMedians.Length];
        for (var b = 0; b < result.Length; b++) result[b] = logMedians[b] - fitted;
        return result;
    }

    /// <summary>Orders findings: anomalies, then undecided, then no-anomaly; within each, higher score first.</summary>
    public static int Compare(Finding a, Finding b)
    {
        var byVerdict = VerdictRank(a.Verdict).CompareTo(VerdictRank(b.Verdict));
        if (byVerdict != 0) return byVerdict;
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0) return byScore;
        var byCase = string.CompareOrdinal(a.Case, b.Case);
        return byCase != 0 ? byCase : string.CompareOrdinal(a.Runtime, b.Runtime);
    }

    private static int VerdictRank(Verdict? verdict) => verdict switch
    {
        Verdict.Anomaly => 0,
        Verdict.Undecided => 1,
        _ => 2,
    };
}
