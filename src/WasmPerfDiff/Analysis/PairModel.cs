namespace WasmPerfDiff.Analysis;

/// <summary>
/// Pairwise view of a log-time table (cases × runtimes): the typical log ratio of every runtime pair
/// (median over cases), how much that ratio varies (scaled MAD), and each runtime's closest peers.
/// </summary>
public sealed class PairModel
{
    private readonly int _runtimes;
    /// <summary>Median over cases of log t[c,a] − log t[c,b], at a·R + b.</summary>
    public double[] TypicalLogRatio { get; }
    /// <summary>Scaled MAD over cases of that log ratio, at a·R + b.</summary>
    public double[] Spread { get; }
    /// <summary>Peers of each runtime, closest (smallest spread) first.</summary>
    public int[][] Peers { get; }

    /// <summary>
    /// A runtime is a peer of a only if its ratio to a varies at most this many times as much as the closest
    /// runtime's does: an interpreter whose only fellow interpreter is one runtime must not be judged against
    /// JITs, whose ratio to it swings with how well each program suits interpretation. On WarpDiff's data the
    /// JIT/AOT pairs spread 0.13–0.33 and the interpreter pairs 0.15, while interpreter-vs-compiler pairs
    /// spread 0.5 and more, so 2.5× the closest spread keeps each class together and the classes apart.
    /// </summary>
    public const double PeerSpreadRatio = 2.5;

    /// <summary>
    /// Spreads below 0.1 (≈10 %) all mean "tracks closely"; without this floor a near-duplicate (wasm3 with
    /// and without --compile vary by 0.4 %) would shut out every other peer.
    /// </summary>
    public const double PeerSpreadFloor = 0.1;

    private PairModel(int runtimes, double[] typical, double[] spread, int[][] peers)
    {
        _runtimes = runtimes;
        TypicalLogRatio = typical;
        Spread = spread;
        Peers = peers;
    }

    public static PairModel Fit(double[] y, int cases, int runtimes, int peerCount)
    {
        var typical = new double[runtimes * runtimes];
        var spread = new double[runtimes * runtimes];
        Parallel.For(0, runtimes, a =>
        {
            var d = new double[cases];
            var scratch = new double[cases];
            for (var b = 0; b < runtimes; b++)
            {
                if (a == b) continue;
                for (var i = 0; i < cases; i++) d[i] = y[i * runtimes + a] - y[i * runtimes + b];
                d.CopyTo(scratch, 0);
                var m = RobustStats.Median(scratch);
                typical[a * runtimes + b] = m;
                spread[a * runtimes + b] = RobustStats.ScaledMad(d, m, scratch);
            }
        });
        var peers = new int[runtimes][];
        for (var a = 0; a < runtimes; a++)
        {
            var byCloseness = Enumerable.Range(0, runtimes).Where(b => b != a)
                .OrderBy(b => spread[a * runtimes + b]).ThenBy(b => b).ToArray();
            var limit = PeerSpreadRatio * Math.Max(PeerSpreadFloor, spread[a * runtimes + byCloseness[0]]);
            peers[a] = byCloseness.Where(b => spread[a * runtimes + b] <= limit).Take(peerCount).ToArray();
            if (peers[a].Length == 0) peers[a] = [byCloseness[0]];
        }
        return new PairModel(runtimes, typical, spread, peers);
    }

    /// <summary>
    /// Peer log factor of every cell: median over a's peers b of (log t[c,a] − log t[c,b] − typical[a,b]).
    /// <paramref name="peerOf"/> gets the peer whose pair realises that median (for an even count, the lower
    /// of the two middle values: "even against this peer a is that much slower").
    /// </summary>
    public double[] PeerFactors(double[] y, int cases, out int[] peerOf)
    {
        var rt = _runtimes;
        var result = new double[cases * rt];
        var who = new int[cases * rt];
        Parallel.For(0, cases, new ParallelOptions { MaxDegreeOfParallelism = cases >= 4096 ? -1 : 1 }, i =>
        {
            Span<double> devs = stackalloc double[rt];
            Span<int> ids = stackalloc int[rt];
            for (var a = 0; a < rt; a++)
            {
                var peers = Peers[a];
                for (var p = 0; p < peers.Length; p++)
                {
                    var b = peers[p];
                    devs[p] = y[i * rt + a] - y[i * rt + b] - TypicalLogRatio[a * rt + b];
                    ids[p] = b;
                }
                (result[i * rt + a], who[i * rt + a]) = MedianWithOwner(devs[..peers.Length], ids[..peers.Length]);
            }
        });
        peerOf = who;
        return result;
    }

    /// <summary>Resampled peer log factors of cell (c, a): the same median over peers on bootstrap resample b of each cell.</summary>
    public double[] PeerResamples(CellBootstrap bootstrap, int c, int a, int rt)
    {
        var own = bootstrap.LogMedians(c * rt + a);
        var peers = Peers[a];
        var peerMedians = new double[peers.Length][];
        for (var p = 0; p < peers.Length; p++) peerMedians[p] = bootstrap.LogMedians(c * rt + peers[p]);
        var result = new double[own.Length];
        Span<double> devs = stackalloc double[peers.Length];
        for (var b = 0; b < own.Length; b++)
        {
            for (var p = 0; p < peers.Length; p++)
                devs[p] = own[b] - peerMedians[p][b] - TypicalLogRatio[a * rt + peers[p]];
            result[b] = RobustStats.Median(devs);
        }
        return result;
    }

    internal static (double Median, int Owner) MedianWithOwner(Span<double> values, Span<int> owners)
    {
        // Insertion sort: at most a handful of peers.
        for (var i = 1; i < values.Length; i++)
            for (var j = i; j > 0 && values[j] < values[j - 1]; j--)
            {
                (values[j], values[j - 1]) = (values[j - 1], values[j]);
                (owners[j], owners[j - 1]) = (owners[j - 1], owners[j]);
            }
        var n = values.Length;
        if ((n & 1) == 1) return (values[n / 2], owners[n / 2]);
        return (0.5 * (values[n / 2 - 1] + values[n / 2]), owners[n / 2 - 1]);
    }
}
