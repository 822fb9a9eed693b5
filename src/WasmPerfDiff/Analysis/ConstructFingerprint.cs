using System.Globalization;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus.Constructs;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// One runtime × construct cell of a fingerprint. <see cref="Cost"/>: time per iteration of the construct loop
/// over the baseline loop's (execution phase, cell medians). <see cref="Relative"/>: that cost against the runtime's
/// peers, with the analysis's own peer model (<see cref="PairModel"/> fitted on log cost over construct × runtime): the
/// median over its closest peers b of log cost[a] − log cost[b] − (a's typical log ratio to b), "this runtime pays k×
/// more for this construct than its closest peer does, given how the two compare on constructs in general";
/// <see cref="Peer"/> is the peer that realises the median. Where no peer ran the construct (or too few constructs
/// ran everywhere to fit the pairs) it is <c>exp(residual)</c> of a median polish — against the consensus of the other
/// runtimes — and <see cref="Basis"/> says which. The interval is a bootstrap of the runs of both cells with the
/// peers' costs and the fitted effects held fixed. A cell with no successful run of
/// the construct or its baseline (unsupported feature, crash, not run) has no numbers and says why in
/// <see cref="Missing"/>: it is missing, never slow.
/// </summary>
public sealed record FingerprintCell(
    string Construct, string OpcodeClass, string Runtime, double? Cost, double? Relative, double? CiLow, double? CiHigh, int Runs, string? Missing = null)
{
    /// <summary>What <see cref="Relative"/> compares against: the closest peer (<see cref="Peer"/>) or the consensus.</summary>
    public FingerprintBasis Basis { get; init; } = FingerprintBasis.Consensus;

    /// <summary>With <see cref="FingerprintBasis.Peer"/>: the peer whose pair gives the median (the analysis's own rule).</summary>
    public string? Peer { get; init; }

    /// <summary>With <see cref="FingerprintBasis.Peer"/>: how many of the runtime's closest peers ran the construct (the median is over them).</summary>
    public int Peers { get; init; }

    /// <summary>The whole 95 % interval is at or above <paramref name="factor"/>: this runtime is slow at the construct, and
    /// the runs say so beyond their noise.</summary>
    public bool IsSlow(double factor) => CiLow >= factor && Relative is not null;

    /// <summary>The interval does not settle the cell against <paramref name="factor"/> (or 1/factor on the fast side): it
    /// straddles one of them, or there is no interval (fewer than two runs). A missing cell is missing, not undecided.</summary>
    public bool IsUndecided(double factor) => Relative is not null &&
        (CiLow is not double lo || CiHigh is not double hi || (lo < factor && hi >= factor) || (lo <= 1 / factor && hi > 1 / factor));

    /// <summary>"its closest peer (X)", "its 3 closest peers (median: X)" or "the other runtimes' consensus (no peer ran it)", for explanations.</summary>
    public string Against => Basis != FingerprintBasis.Peer || Peer is null ? "the other runtimes' consensus (no peer ran it)"
        : Peers <= 1 ? $"its closest peer ({Peer})" : $"its {Peers} closest peers (median: {Peer})";
}

/// <summary>What a fingerprint cell's relative cost is measured against.</summary>
public enum FingerprintBasis { Peer, Consensus }

/// <summary>The construct fingerprint of a set of runtimes: every construct × runtime cell (see <see cref="FingerprintCell"/>).</summary>
public sealed record ConstructFingerprint(IReadOnlyList<string> Constructs, IReadOnlyList<string> Runtimes, IReadOnlyList<FingerprintCell> Cells)
{
    public const int BootstrapResamples = 400;

    /// <summary>
    /// A cell whose construct or baseline loop ran for less than this (median execution phase) is missing ("too short
    /// to time"): under it the clock error of the markers and side channels (≈ 0.05 ms, see <c>DurationFloor</c>) would be the ratio.
    /// </summary>
    public const double MinExecuteMs = 0.1;

    /// <summary>Constructs needed to fit the peer model; with fewer, every cell is against the consensus.</summary>
    public const int MinPeerConstructs = TimingModel.MinCases;

    public FingerprintCell? Cell(string construct, string runtime) =>
        Cells.FirstOrDefault(c => c.Construct == construct && c.Runtime == runtime);

    public static ConstructFingerprint Fit(IReadOnlyList<CaseRun> runs, IReadOnlyList<CaseRecord> cases, int seed = 1, string source = "the campaign")
    {
        var sizes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in cases)
            if (ConstructCatalog.Parse(c.Name) is not null && c.Args.Count > 0 && double.TryParse(c.Args[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
                sizes[c.Name] = n;
        var families = ConstructCatalog.All.Where(f => sizes.ContainsKey(f.Name) && sizes.ContainsKey(f.BaseName)).ToList();
        if (families.Count == 0)
            throw new BadInputException($"{source} holds no construct cases with their baselines: run the corpus of `gen constructs` into it", "Constructs");
        var byCell = runs.GroupBy(r => (r.Case, r.Result.Runtime)).ToDictionary(g => g.Key, g => g.ToList());
        var runtimes = runs.Where(r => sizes.ContainsKey(r.Case)).Select(r => r.Result.Runtime).Distinct().Order(StringComparer.Ordinal).ToList();

        // Per-iteration execution times of each cell's successful runs.
        double[]? Times(string caseName, string runtime, out string? why)
        {
            why = null;
            if (!byCell.TryGetValue((caseName, runtime), out var cell)) { why = "not run"; return null; }
            var ok = cell.Where(r => r.Result.Status == RunStatus.Ok).Select(r => CellTable.PhaseMs(r.Result, AnalysisPhase.Execution))
                .Where(ms => ms is > 0).Select(ms => ms!.Value / sizes[caseName]).ToArray();
            if (ok.Length > 0) return ok;
            var failed = cell.First(r => r.Result.Status != RunStatus.Ok).Result;
            why = failed.Status.ToWire() + (failed.Message is { Length: > 0 } m ? ": " + m.Split('\n')[0] : "");
            return null;
        }

        int rows = families.Count, cols = runtimes.Count;
        var logCost = new double[rows * cols];
        var samples = new (double[] C, double[] B)?[rows * cols];
        var missing = new string?[rows * cols];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
        {
            var c = Times(families[i].Name, runtimes[j], out var whyC);
            var b = Times(families[i].BaseName, runtimes[j], out var whyB);
            if (c is null || b is null)
            {
                logCost[i * cols + j] = double.NaN;
                missing[i * cols + j] = c is null ? whyC : "baseline " + whyB;
                continue;
            }
            var shortest = Math.Min(Median(c) * sizes[families[i].Name], Median(b) * sizes[families[i].BaseName]);
            if (shortest < MinExecuteMs)
            {
                logCost[i * cols + j] = double.NaN;
                missing[i * cols + j] = $"too short to time ({shortest:0.###} ms < {MinExecuteMs} ms): use a larger size";
                continue;
            }
            samples[i * cols + j] = (c, b);
            logCost[i * cols + j] = Math.Log(Median(c) / Median(b));
        }
        var polish = MedianPolish.Fit(logCost, rows, cols); // missing cells (NaN) are left out of every median
        var (overall, rowEffect, colEffect) = (polish.Overall, polish.Row, polish.Column);

        // The analysis's peer model, fitted on the constructs every runtime ran (a construct some runtime lacks, SIMD on
        // an interpreter built without it, would leave a hole in every pair's median). When that leaves fewer than half of
        // them (one runtime that fails many), every construct is used, a missing cell standing in as the consensus's fit.
        var complete = Enumerable.Range(0, rows).Where(i => Enumerable.Range(0, cols).All(j => !double.IsNaN(logCost[i * cols + j]))).ToArray();
        var fitRows = complete.Length >= Math.Max(MinPeerConstructs, rows / 2) ? complete
            : Enumerable.Range(0, rows).Where(i => Enumerable.Range(0, cols).Count(j => !double.IsNaN(logCost[i * cols + j])) >= 2).ToArray();
        PairModel? pairs = null;
        if (cols >= 2 && fitRows.Length >= MinPeerConstructs)
        {
            var y = new double[fitRows.Length * cols];
            for (var r = 0; r < fitRows.Length; r++)
                for (var j = 0; j < cols; j++)
                {
                    var v = logCost[fitRows[r] * cols + j];
                    y[r * cols + j] = double.IsNaN(v) ? polish.Overall + polish.Row[fitRows[r]] + polish.Column[j] : v;
                }
            // A construct or runtime with no cell at all has no fitted effect to stand in: no peer model then.
            if (!y.Any(double.IsNaN)) pairs = PairModel.Fit(y, fitRows.Length, cols, Math.Min(TimingModel.PeerCount, cols - 1));
        }
        // Peer log factor of cell (i, j) for a given own log cost; NaN when none of j's peers ran construct i.
        (double Factor, int Peer, int Count) PeerFactor(int i, int j, double own)
        {
            if (pairs is null) return (double.NaN, -1, 0);
            Span<double> devs = stackalloc double[cols];
            Span<int> ids = stackalloc int[cols];
            var n = 0;
            foreach (var b in pairs.Peers[j])
            {
                var theirs = logCost[i * cols + b];
                if (double.IsNaN(theirs)) continue;
                devs[n] = own - theirs - pairs.TypicalLogRatio[j * cols + b];
                ids[n++] = b;
            }
            if (n == 0) return (double.NaN, -1, 0);
            var (median, owner) = PairModel.MedianWithOwner(devs[..n], ids[..n]);
            return (median, owner, n);
        }

        var rng = new SplitMix64(SplitMix64.Mix(seed, 0x15));
        var cells = new List<FingerprintCell>();
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
        {
            var k = i * cols + j;
            var f = families[i];
            if (samples[k] is not { } s)
            {
                cells.Add(new FingerprintCell(f.Name, f.OpcodeClass, runtimes[j], null, null, null, null, 0, missing[k]));
                continue;
            }
            var fitted = overall + rowEffect[i] + colEffect[j];
            var (peerFactor, peer, peerCount) = PeerFactor(i, j, logCost[k]);
            var byPeer = !double.IsNaN(peerFactor);
            double? lo = null, hi = null;
            if (s.C.Length >= 2 && s.B.Length >= 2)
            {
                var boot = new double[BootstrapResamples];
                for (var r = 0; r < boot.Length; r++)
                {
                    var own = Math.Log(Median(Resample(s.C, ref rng)) / Median(Resample(s.B, ref rng)));
                    boot[r] = byPeer ? PeerFactor(i, j, own).Factor : own - fitted;
                }
                lo = Math.Exp(RobustStats.Percentile(boot, 0.025));
                hi = Math.Exp(RobustStats.Percentile(boot, 0.975));
            }
            cells.Add(new FingerprintCell(f.Name, f.OpcodeClass, runtimes[j], Math.Exp(logCost[k]), Math.Exp(byPeer ? peerFactor : logCost[k] - fitted), lo, hi,
                Math.Min(s.C.Length, s.B.Length))
            {
                Basis = byPeer ? FingerprintBasis.Peer : FingerprintBasis.Consensus,
                Peer = byPeer ? runtimes[peer] : null,
                Peers = peerCount,
            });
        }
        return new ConstructFingerprint(families.Select(f => f.Name).ToList(), runtimes, cells);
    }

    private static double Median(double[] values) => RobustStats.Median(values.ToArray());

    private static double[] Resample(double[] values, ref SplitMix64 rng)
    {
        var r = new double[values.Length];
        for (var i = 0; i < r.Length; i++) r[i] = values[rng.NextInt(values.Length)];
        return r;
    }
}
