using WasmPerfDiff.Analysis;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Constructs;

namespace WasmPerfDiff.Reduction;

/// <summary>The opcode class that dominates a module's loop-weighted instruction mix, and the construct families of that class.</summary>
public sealed record DominantConstruct(string OpcodeClass, double Share, IReadOnlyList<string> Families, string? Description)
{
    /// <summary>From the module's static opcode profile (<see cref="OpcodeProfile"/>); null when it has no decodable code.</summary>
    public static DominantConstruct? Of(string wasm)
    {
        OpcodeProfile profile;
        try { profile = OpcodeProfile.Read(wasm); }
        catch (Exception e) when (e is IOException or InvalidDataException or BadInputException) { return null; }
        if (profile.Instructions <= 0 || profile.Counts.Count == 0) return null;
        var (cls, count) = profile.Counts.MaxBy(p => p.Value);
        var families = ConstructCatalog.All.Where(f => f.OpcodeClass == cls).ToList();
        return new DominantConstruct(cls, count / profile.Instructions, families.Select(f => f.Name).ToList(), families.FirstOrDefault()?.Description);
    }

    /// <summary>
    /// The runtime's cell of this construct in a construct fingerprint: of the families of <see cref="OpcodeClass"/> that
    /// have numbers there, the one the runtime is slowest at (as an explanation of a finding picks it: the slowest family
    /// speaks for the class); null when the fingerprint has no measured cell of the class on that runtime.
    /// </summary>
    public FingerprintCell? CellIn(ConstructFingerprint fingerprint, string runtime) =>
        fingerprint.Cells.Where(c => c.Runtime == runtime && c.OpcodeClass == OpcodeClass && c.Relative is not null)
            .OrderByDescending(c => c.Relative!.Value).ThenBy(c => c.Construct, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>"call_indirect (call-indirect-mono, call-indirect-poly; 41 % of the weighted instructions)".</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{OpcodeClass} ({(Families.Count > 0 ? string.Join(", ", Families) + "; " : "")}{Share * 100:0} % of the loop-weighted instructions)");
}
