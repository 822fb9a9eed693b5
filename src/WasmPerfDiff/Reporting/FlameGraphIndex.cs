namespace WasmPerfDiff.Reporting;

/// <summary>
/// Finds flame graphs for findings by file name: the profiling stage names its SVGs after the finding's
/// <see cref="FindingAnchors.Id"/> (<c>&lt;id&gt;.svg</c>, <c>&lt;id&gt;-diff.svg</c>, …), so a report can link them
/// without any other bookkeeping.
/// </summary>
public static class FlameGraphIndex
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(IEnumerable<string> findingIds, string dir)
    {
        if (!Directory.Exists(dir)) throw new UsageException($"flame graph folder '{dir}' does not exist");
        var files = Directory.EnumerateFiles(dir, "*.svg", SearchOption.AllDirectories)
            .Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var id in findingIds.Distinct(StringComparer.Ordinal))
        {
            // The id ends in a hash, so "<id>" followed by '.' or '-' cannot be the start of another finding's id.
            var mine = files.Where(f => Path.GetFileName(f) is var n && n.StartsWith(id, StringComparison.Ordinal)
                                        && n.Length > id.Length && n[id.Length] is '.' or '-').ToList();
            if (mine.Count > 0) result[id] = mine;
        }
        return result;
    }
}
