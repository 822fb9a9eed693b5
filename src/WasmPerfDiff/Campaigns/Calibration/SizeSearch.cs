using WasmPerfDiff.Corpus;
namespace WasmPerfDiff.Campaigns.Calibration;

/// <summary>
/// Finds an integer size whose measured time is close to a target, for a cost that grows with size in a
/// way we do not know (linear for fasta, cubic for gemm, factorial for fannkuch): double or halve until
/// the target is bracketed, then bisect the bracket until within <see cref="AimTolerance"/>× of the target.
/// Success = within <see cref="Tolerance"/>×; when sizes are too coarse even for that (one step of
/// fannkuch is ×11), the closest size in log ratio wins.
/// </summary>
public static class SizeSearch
{
    /// <summary>"Within 2× of the target" (issue 3): a factor of 2 either way.</summary>
    public const double Tolerance = 2.0;

    /// <summary>The search keeps going until within √2× (500 ms target → 354–707 ms), so calibrated
    /// times cluster near the target instead of anywhere in the accepted 4× band.</summary>
    public static readonly double AimTolerance = Math.Sqrt(2);

    /// <summary>Enough for a bracket over sizes 1…2^10 and a bisection of it.</summary>
    public const int MaxProbes = 20;

    /// <param name="measure">Time in ms at a size, or null when the program fails at that size.</param>
    public static async Task<(int Size, double Ms, int Probes)?> FindAsync(int start, double targetMs, Func<int, Task<double?>> measure)
    {
        var probes = new SortedDictionary<int, double>();
        async Task<double?> Probe(int n)
        {
            if (probes.TryGetValue(n, out var known)) return known;
            var ms = await measure(n);
            if (ms is double t) probes[n] = t;
            return ms;
        }
        bool Close(double ms) => ms >= targetMs / AimTolerance && ms <= targetMs * AimTolerance;

        var size = Math.Max(1, start);
        if (await Probe(size) is not double first) return null;
        if (Close(first)) return (size, first, probes.Count);

        // Bracket: lo is below the target, hi above.
        int lo = size, hi = size;
        var ms = first;
        var failedAbove = false;
        while (probes.Count < MaxProbes && ms < targetMs)
        {
            lo = hi;
            hi = hi * 2;
            // A failure at double the size (a timeout, for an exponential cost like fib's) bounds the bracket from above.
            if (await Probe(hi) is not double t) { failedAbove = true; break; }
            ms = t;
            if (Close(t)) return (hi, t, probes.Count);
        }
        while (!failedAbove && probes.Count < MaxProbes && ms > targetMs && lo > 1)
        {
            hi = lo;
            lo = Math.Max(1, lo / 2);
            if (await Probe(lo) is not double t) break;
            ms = t;
            if (Close(t)) return (lo, t, probes.Count);
        }

        // Bisect between the two bracketing sizes.
        while (probes.Count < MaxProbes && hi - lo > 1)
        {
            var mid = lo + (hi - lo) / 2;
            if (await Probe(mid) is not double t) { hi = mid; continue; } // failing sizes count as too large
            if (Close(t)) return (mid, t, probes.Count);
            if (t < targetMs) lo = mid; else hi = mid;
        }
        var best = probes.MinBy(p => Math.Abs(Math.Log(p.Value / targetMs)));
        return (best.Key, best.Value, probes.Count);
    }
}
