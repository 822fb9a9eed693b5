namespace WasmPerfDiff.Corpus.Programs;

/// <summary>
/// One program to generate: its Csmith seed, its hot spot and the hot spot's constants, all derived from the
/// request's seed and the program's index, so the same seed gives the same programs (same C text, same module).
/// Name: <c>&lt;hot spot&gt;-&lt;Csmith seed&gt;</c>, e.g. <c>fp-array-1831165092</c>.
/// </summary>
public sealed record ProgramPlan(string Name, HotSpot HotSpot, uint CsmithSeed, int A, int B, int C)
{
    /// <summary>Program <paramref name="index"/> of the sequence for <paramref name="seed"/>: hot spots in turn, so every
    /// pattern gets its share, starting at a seed-dependent place; the Csmith seed and constants from a hash of both.</summary>
    public static ProgramPlan For(long seed, int index, IReadOnlyList<HotSpot> hotSpots)
    {
        var h = Mix((ulong)seed, (ulong)index);
        var hot = hotSpots[(int)((Mix((ulong)seed, ulong.MaxValue) + (ulong)index) % (ulong)hotSpots.Count)];
        var csmithSeed = (uint)(h & 0x7fffffff);
        var a = 8 + (int)((h >> 32) % 32);
        var b = 3 + (int)((h >> 40) % 15);
        var c = 5 + (int)((h >> 48) % 64);
        return new ProgramPlan($"{hot.Name}-{csmithSeed}", hot, csmithSeed, a, b, c);
    }

    /// <summary>The hot spot a program name was generated with (the name minus its trailing Csmith seed), or null.</summary>
    public static string? PatternOf(string name)
    {
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || !name[(dash + 1)..].All(char.IsAsciiDigit)) return null;
        var pattern = name[..dash];
        return HotSpotCatalog.Find(pattern) is null ? null : pattern;
    }

    /// <summary>SplitMix64's finalizer over two words: a well-spread 64-bit hash, stable across .NET versions.</summary>
    private static ulong Mix(ulong a, ulong b)
    {
        var z = a * 0x9E3779B97F4A7C15UL + b + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
