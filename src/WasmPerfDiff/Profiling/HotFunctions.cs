namespace WasmPerfDiff.Profiling;

/// <summary>
/// Where one profiled finding's guest time went, by function index (imports first: the numbering of the name section
/// and of JIT symbol maps): each function's part of the samples that ran guest code, a sample counting for its
/// innermost guest frame (host and kernel code a guest function called, e.g. the WASI <c>fd_write</c> behind its
/// <c>call</c>, is that function's time). Empty when the profile names no guest function (interpreters).
/// </summary>
public sealed record HotFunctionProfile(string Case, string Runtime, IReadOnlyDictionary<int, double> Shares, long GuestSamples);

/// <summary>Reads the hot functions of the findings that <c>profile --db FILE --findings N --out DIR</c> profiled.</summary>
public static class HotFunctions
{
    /// <summary>
    /// One entry per profiled finding of the folder's <see cref="FindingProfiles.IndexFile"/> whose folded profile and
    /// module are still there (the finding's own runtime, not its peer). A folder without an index gives none.
    /// </summary>
    public static IReadOnlyList<HotFunctionProfile> FromIndex(string dir)
    {
        var result = new List<HotFunctionProfile>();
        foreach (var entry in FindingProfiles.ReadIndex(dir))
        {
            if (entry.Profile?.Wasm is not { } wasm) continue;
            var (c, rt, folder) = (entry.Case, entry.Runtime, entry.Folder);
            var folded = Path.Combine(dir, folder, ProfileFiles.SafeName(rt) + ".folded");
            if (!File.Exists(folded) || !File.Exists(wasm)) continue;
            var samples = FoldedProfile.ReadFile(folded);
            var shares = ByIndex(samples, WasmFunctionNames.ReadFile(wasm), out var guest);
            result.Add(new HotFunctionProfile(c, rt, shares, guest));
        }
        return result;
    }

    /// <summary>Each guest function's part (by index) of the samples whose stack holds guest code, a sample counting for its innermost guest frame.</summary>
    public static IReadOnlyDictionary<int, double> ByIndex(FoldedProfile profile, WasmFunctionNames names, out long guestSamples)
    {
        // Frames carry the name section's name, or wasm-function[N] for a function it does not name (see FrameNamer).
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.FunctionCount; i++) index.TryAdd(names.NameOf(i), i);
        var samples = new Dictionary<int, long>();
        guestSamples = 0;
        foreach (var (name, count) in GuestFunctionShares.InnermostGuestSamples(profile))
        {
            guestSamples += count;
            if (index.TryGetValue(name, out var i)) samples[i] = samples.GetValueOrDefault(i) + count;
        }
        var total = guestSamples;
        return total > 0 ? samples.ToDictionary(p => p.Key, p => (double)p.Value / total) : new Dictionary<int, double>();
    }
}
