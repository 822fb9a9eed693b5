using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// The hot functions of profiled findings as the explanation step takes them (plain data: per (case, runtime),
/// function index → share of guest samples), read from the folder <c>profile --db … --findings N --out DIR</c> wrote.
/// </summary>
public static class HotFunctionShares
{
    /// <summary>
    /// A profile with fewer samples in guest code than this does not weight anything (the finding keeps the static
    /// mix): at the test sizes a JIT's run is mostly startup and compilation, and a handful of samples is noise.
    /// </summary>
    public const long MinGuestSamples = 20;

    public static IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyDictionary<int, double>> Read(string dir, bool required = false)
    {
        if (required && !File.Exists(Path.Combine(dir, FindingProfiles.IndexFile)))
            throw new BadInputException($"'{Path.GetFullPath(dir)}' holds no {FindingProfiles.IndexFile}: write it with `profile --db FILE --findings N --out DIR`", "Profiles");
        var map = new Dictionary<(string Case, string Runtime), IReadOnlyDictionary<int, double>>();
        foreach (var p in HotFunctions.FromIndex(dir))
            if (p.Shares.Count > 0 && p.GuestSamples >= MinGuestSamples) map.TryAdd((p.Case, p.Runtime), p.Shares);
        return map;
    }
}
