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

    /// <summary>"call_indirect (call-indirect-mono, call-indirect-poly; 41 % of the weighted instructions)".</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{OpcodeClass} ({(Families.Count > 0 ? string.Join(", ", Families) + "; " : "")}{Share * 100:0} % of the loop-weighted instructions)");
}
