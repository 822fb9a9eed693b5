namespace WasmPerfDiff.Analysis;

/// <summary>Confirmed findings that share one likely root cause: the same runtime, the same kind and the same injected
/// hot spot. <see cref="Factor"/> is the members' median factor; the interval is the member with the highest lower bound's.</summary>
public sealed record FindingGroup(string Runtime, string Pattern, FindingKind Kind, IReadOnlyList<Finding> Members)
{
    public double? Factor => Members.Where(m => m.Factor is not null).Select(m => m.Factor!.Value).Order().ToArray() is { Length: > 0 } f ? f[(f.Length - 1) / 2] : null;
    public Finding Strongest => Members.OrderByDescending(m => m.CiLow ?? 0).ThenByDescending(m => m.Factor ?? 0).First();

    /// <summary>A folder name for the group: <c>&lt;runtime&gt;--&lt;pattern&gt;</c>, plus the kind when it is not a timing finding.</summary>
    public string Folder => $"{Runtime}--{Pattern}" + (Kind == FindingKind.TierInversion ? "--tier-inversion" : "");
}

/// <summary>
/// Groups findings so that one root cause counts once (issue 25): by runtime and by the injected pattern, which
/// <paramref name="patternOf"/> reads from the case name (null = not a generated program: the case is its own pattern).
/// Consensus and peer findings are one kind here (the same cell can be either, depending on the fit).
/// </summary>
public static class FindingGroups
{
    public static List<FindingGroup> Group(IEnumerable<Finding> findings, Func<string, string?> patternOf) =>
        findings.GroupBy(f => (f.Runtime, Pattern: patternOf(f.Case) ?? f.Case, Kind: f.IsTiming ? FindingKind.Peer : f.Kind))
            .Select(g => new FindingGroup(g.Key.Runtime, g.Key.Pattern, g.Key.Kind, g.OrderBy(f => f.Case, StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Factor ?? 0).ThenBy(g => g.Runtime, StringComparer.Ordinal).ToList();
}
