using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Reporting;

/// <summary>
/// Finds flame graphs for findings in a folder, two ways: the index <c>findings.json</c> that
/// <c>profile --db FILE --findings N</c> writes (case, runtime, kind and the SVGs of each profiled finding),
/// and SVG files named after a finding's <see cref="FindingAnchors.Id"/> (<c>&lt;id&gt;.svg</c>, <c>&lt;id&gt;-diff.svg</c>, …).
/// </summary>
public static class FlameGraphIndex
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(IEnumerable<string> findingIds, string dir)
    {
        if (!Directory.Exists(dir)) throw new BadInputException($"flame graph folder '{dir}' does not exist");
        var ids = findingIds.Distinct(StringComparer.Ordinal).ToList();
        var result = FromProfileIndex(dir).Where(p => ids.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
        foreach (var (id, files) in ByName(ids, dir))
        {
            if (!result.TryGetValue(id, out var list)) result[id] = list = [];
            list.AddRange(files.Where(f => !list.Contains(f)));
        }
        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The differential flame graph first (the one that answers "why slower"), then the finding's own and its peer's.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromProfileIndex(string dir)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in FindingProfiles.ReadIndex(dir))
        {
            var files = new[] { entry.DiffSvg, entry.Svg, entry.PeerSvg }.OfType<string>()
                .Select(f => Path.GetFullPath(Path.Combine(dir, f))).Where(File.Exists).ToList();
            if (files.Count > 0) result[FindingAnchors.Id(entry.Kind.ToWire(), entry.Case, entry.Runtime)] = files;
        }
        return result;
    }

    private static Dictionary<string, List<string>> ByName(IReadOnlyList<string> findingIds, string dir)
    {
        var files = Directory.EnumerateFiles(dir, "*.svg", SearchOption.AllDirectories)
            .Select(f => Path.GetFullPath(f)).Order(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in findingIds)
        {
            // The id ends in a hash, so "<id>" followed by '.' or '-' cannot be the start of another finding's id.
            var mine = files.Where(f => Path.GetFileName(f) is var n && n.StartsWith(id, StringComparison.Ordinal)
                                        && n.Length > id.Length && n[id.Length] is '.' or '-').ToList();
            if (mine.Count > 0) result[id] = mine;
        }
        return result;
    }
}
