namespace WasmPerfDiff.Corpus.Constructs;

/// <summary>
/// One construct family of the generated micro-benchmarks: the WAT of one loop iteration with the construct
/// (<see cref="Body"/>) and without it (<see cref="BaseBody"/>, the baseline: the same loop, the same data flow,
/// the construct replaced by plain arithmetic), the module-level declarations both need, and the opcode class
/// (<see cref="OpcodeClasses"/>) that a module's static profile counts for it.
/// </summary>
/// <param name="Name">Case name of the construct variant (kebab-case); the baseline is <c>NAME.base</c>.</param>
/// <param name="OpcodeClass">What <see cref="OpcodeProfile"/> counts for this construct in other modules.</param>
/// <param name="Description">One line for people.</param>
/// <param name="Body">WAT instructions of one iteration; may use locals <c>$i $v $x $y $a $b $t $d $dl $k</c>.</param>
/// <param name="BaseBody">The same iteration without the construct.</param>
/// <param name="Work">Rough cost of one iteration relative to a plain loop; sets the default size so families take similar times.</param>
public sealed record ConstructFamily(string Name, string OpcodeClass, string Description, string Body, string BaseBody, double Work = 1)
{
    /// <summary>Functions, tables, globals, data segments the loops need.</summary>
    public string Declarations { get; init; } = "";
    /// <summary>Extra local declarations of both loop functions, e.g. <c>(local $w v128)</c>.</summary>
    public string Locals { get; init; } = "";
    /// <summary>Instructions run once before the loop.</summary>
    public string Setup { get; init; } = "";
    /// <summary>Instructions run once after the loop, before the checksum is folded (e.g. a SIMD lane into <c>$x</c>).</summary>
    public string After { get; init; } = "";
    /// <summary>The post-MVP proposal an engine must support to run the module at all (null: MVP + bulk memory + saturating conversions).</summary>
    public string? Feature { get; init; }

    /// <summary>The largest size the loops run (both stop there; the generator writes no larger one), or null for no limit.</summary>
    public long? MaxSize { get; init; }

    public string BaseName => Name + ConstructCatalog.BaseSuffix;
}
