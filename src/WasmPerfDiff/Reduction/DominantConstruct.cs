using WasmPerfDiff.Analysis;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Constructs;

namespace WasmPerfDiff.Reduction;

/// <summary>
/// The opcode class a reduced module is about, and the construct families of that class. <see cref="Lift"/>: the class's
/// share against its share in the original program, when the class was picked for having grown most (see <see cref="Of"/>).
/// </summary>
public sealed record DominantConstruct(string OpcodeClass, double Share, IReadOnlyList<string> Families, string? Description, double? Lift = null)
{
    /// <summary>A class must make up at least this part of the weighted instructions to be named at all.</summary>
    public const double MinShare = 0.10;

    /// <summary>Growth below this (against the original) is a reduction that kept the mix as it was: the largest class is named then.</summary>
    public const double MinLift = 1.25;

    /// <summary>
    /// From the static opcode profile (<see cref="OpcodeProfile"/>) of a module or of a program's object file; null when it
    /// has no decodable code. With the same of the program the reduction started from: the class whose share grew most
    /// (of those with at least <see cref="MinShare"/>), since what the reduction kept is what the slowdown needs, while the
    /// most frequent class is often only the register traffic every program has (a planted popcount in a large program
    /// was named "local.get/set/tee" that way). Classes that lived only in the kept kernel grow alike. Without
    /// it, or when no class grew by <see cref="MinLift"/>: the most frequent class. Null also when no class reaches
    /// <see cref="MinShare"/>: a program of plain integer arithmetic (the reduced sha256: its most frequent class, 32-bit
    /// loads, is 5 % of it) is about no construct of the catalogue, and naming one would mislead.
    /// </summary>
    public static DominantConstruct? Of(string wasm, string? original = null)
    {
        if (Read(wasm) is not { } profile) return null;
        var share = (string cls) => profile.Count(cls) / profile.Instructions;
        var (chosen, lift) = (profile.Counts.MaxBy(p => p.Value).Key, (double?)null);
        if (share(chosen) < MinShare) return null;
        if (original is not null && Read(original) is { } before)
        {
            var grown = profile.Counts.Keys.Where(c => share(c) >= MinShare)
                .Select(c => (Class: c, Lift: share(c) / Math.Max(before.Count(c) / before.Instructions, 1e-3)))
                .OrderByDescending(x => x.Lift).ThenByDescending(x => share(x.Class)).ThenBy(x => x.Class, StringComparer.Ordinal).FirstOrDefault();
            if (grown.Class is not null && grown.Lift >= MinLift) (chosen, lift) = (grown.Class, grown.Lift);
        }
        var families = ConstructCatalog.All.Where(f => f.OpcodeClass == chosen).ToList();
        return new DominantConstruct(chosen, share(chosen), families.Select(f => f.Name).ToList(), families.FirstOrDefault()?.Description, lift);
    }

    private static OpcodeProfile? Read(string wasm)
    {
        try { return OpcodeProfile.Read(wasm) is { Instructions: > 0, Counts.Count: > 0 } p ? p : null; }
        catch (Exception e) when (e is IOException or InvalidDataException or BadInputException) { return null; }
    }

    /// <summary>
    /// The runtime's cell of this construct in a construct fingerprint: of the families of <see cref="OpcodeClass"/> that
    /// have numbers there, the one the runtime is slowest at (as an explanation of a finding picks it: the slowest family
    /// speaks for the class); null when the fingerprint has no measured cell of the class on that runtime.
    /// </summary>
    public FingerprintCell? CellIn(ConstructFingerprint fingerprint, string runtime) =>
        fingerprint.Cells.Where(c => c.Runtime == runtime && c.OpcodeClass == OpcodeClass && c.Relative is not null)
            .OrderByDescending(c => c.Relative!.Value).ThenBy(c => c.Construct, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>"call_indirect (call-indirect-mono, call-indirect-poly; 41 % of the loop-weighted instructions, ×3.2 its share in the original)".</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{OpcodeClass} ({(Families.Count > 0 ? string.Join(", ", Families) + "; " : "")}{Share * 100:0} % of the loop-weighted instructions{(Lift is double l ? $", ×{l:0.0} its share in the original" : "")})");
}
