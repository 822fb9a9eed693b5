namespace WasmPerfDiff.Reduction;

/// <summary>Findings that reduced to the same dominant construct on the same runtime: likely one root cause, to be reported once.</summary>
public sealed record DuplicateGroup(string Runtime, string Construct, IReadOnlyList<string> Cases);

/// <summary>
/// <c>reduce --top N</c>'s duplicates: the reductions grouped by (target runtime, dominant construct of the reduced
/// module), in the order of their first reduction. A finding that did not reproduce here was not reduced, so its
/// program says nothing about a root cause and it joins no group; a reduced module without decodable code groups
/// under "unknown".
/// </summary>
public static class ReductionGroups
{
    public const string UnknownConstruct = "unknown";

    public static IReadOnlyList<DuplicateGroup> Of(IEnumerable<ReductionSummary> reductions) =>
        reductions.Where(s => s.End != ReductionEnd.NotReproduced)
            .GroupBy(s => (s.Target, Construct: s.Construct?.OpcodeClass ?? UnknownConstruct))
            .Select(g => new DuplicateGroup(g.Key.Target, g.Key.Construct, g.Select(s => s.Name).ToList()))
            .ToList();
}
