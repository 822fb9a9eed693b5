namespace WasmPerfDiff.Analysis;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators"): a tiny generator
/// whose stream depends only on its 64-bit seed, so each cell can get its own stream (seed mixed with the
/// cell's index) and parallel bootstraps give the same numbers in any order, on any .NET version.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n): Lemire's multiply-shift on the top 32 bits (bias below 2⁻³² · n).</summary>
    public int NextInt(int n) => (int)(((Next() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal variate by the Box–Muller transform.</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // (0, 1]: log stays finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A seed for stream <paramref name="stream"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static ulong Mix(long seed, long stream)
    {
        var g = new SplitMix64((ulong)seed * 0xD1B54A32D192ED03UL ^ (ulong)stream);
        g.Next();
        return g.Next();
    }
}
