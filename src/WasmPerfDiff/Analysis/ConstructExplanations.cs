using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// One reason a finding may be slow: a construct the module uses a lot (<see cref="Share"/> of its instructions, see
/// <see cref="OpcodeProfile"/>: of its hot functions' instructions when a perf profile of the finding exists, else of its
/// loop-weighted instructions, as <see cref="Weighting"/> says) that the finding's runtime is unusually slow at
/// (<see cref="Relative"/>: its cost of the construct against its closest peer's, or the consensus where no peer ran
/// it, as <see cref="Basis"/> and <see cref="Peer"/> say; from the fingerprint's <see cref="Construct"/> family).
/// <see cref="Score"/> = share × ln(relative) ranks them.
/// </summary>
public sealed record ConstructExplanation(string Construct, string OpcodeClass, double Relative, double? CiLow, double? CiHigh, double Share, double Score, string Text)
{
    public OpcodeWeighting Weighting { get; init; } = OpcodeWeighting.Static;
    public FingerprintBasis Basis { get; init; } = FingerprintBasis.Consensus;
    public string? Peer { get; init; }
}

/// <summary>How a module's opcode mix was weighted: by the functions a perf profile of the finding shows hot, or statically by loop depth.</summary>
public enum OpcodeWeighting { PerfProfile, Static }

/// <summary>Ranks, for each execution finding, the constructs its module uses a lot and its runtime is slow at; adds the fingerprint to the result.</summary>
public static class ConstructExplanations
{
    /// <summary>A construct the runtime pays less than this much more for than its peers does not explain a slowdown; the
    /// whole 95 % interval of the fingerprint cell must be at or above it (a point estimate of a noisy cell is no reason).</summary>
    public const double MinRelative = 1.2;
    /// <summary>A construct under this share (2 %) of the module's weighted instructions does not explain it either: the
    /// explanation says "the module uses them a lot", and a slow construct that is a sliver of the work cannot make the
    /// whole run slow by the finding's factor. (Not higher: in the construct micro-benchmarks themselves, whose loops are
    /// the construct plus the loop's own counting, the construct is 3–7 % of the static mix.)</summary>
    public const double MinShare = 0.02;
    public const int Top = 3;

    public static IReadOnlyList<ConstructExplanation> Explain(string caseName, string runtime, OpcodeProfile profile, ConstructFingerprint fingerprint)
    {
        var list = new List<ConstructExplanation>();
        foreach (var group in fingerprint.Cells.Where(c => c.Runtime == runtime && c.IsSlow(MinRelative)).GroupBy(c => c.OpcodeClass))
        {
            // Several families of one class (call_indirect mono/poly, br_table small/large): the slowest speaks for the class.
            var cell = group.MaxBy(c => c.Relative!.Value)!;
            var share = profile.Share(group.Key);
            var relative = cell.Relative!.Value;
            if (share < MinShare) continue;
            var of = profile.HotWeighted ? "hot-function instructions are" : "its own loop-weighted instructions are";
            var how = profile.HotWeighted ? "perf profile" : "static";
            var text = $"{runtime}: {group.Key} {relative:0.0#}× (95 % CI {cell.CiLow:0.0#}–{cell.CiHigh:0.0#}) {cell.Against} ({cell.Construct}); {caseName}: {share * 100:0.#} % of {of} {group.Key} ({how})";
            list.Add(new ConstructExplanation(cell.Construct, group.Key, relative, cell.CiLow, cell.CiHigh, share, share * Math.Log(relative), text)
            {
                Weighting = profile.HotWeighted ? OpcodeWeighting.PerfProfile : OpcodeWeighting.Static,
                Basis = cell.Basis,
                Peer = cell.Peer,
            });
        }
        return list.OrderByDescending(e => e.Score).ThenBy(e => e.Construct, StringComparer.Ordinal).Take(Top).ToList();
    }

    /// <summary>
    /// The result with the fingerprint and, when it analysed the execution phase, each timing finding's explanations
    /// (from the module its campaign recorded for the case, without the library code most of the campaign's modules
    /// share; a module that is gone or unreadable gets none). A finding whose (case, runtime) has an entry in
    /// <paramref name="hotFunctions"/> (function index → share of a perf profile's guest samples, see
    /// <see cref="OpcodeProfile.ReadHot"/>) is explained by its hot functions' mix instead of the static one.
    /// </summary>
    public static AnalysisResult Attach(AnalysisResult result, ConstructFingerprint fingerprint, IReadOnlyList<CaseRecord> cases,
        IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyDictionary<int, double>>? hotFunctions = null)
    {
        if (result.Phase != AnalysisPhase.Execution) return result with { Fingerprint = fingerprint };
        var modules = cases.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().WasmPath, StringComparer.Ordinal);
        var shapes = new List<IReadOnlyList<ulong>>();
        foreach (var path in modules.Values.Distinct(StringComparer.Ordinal).Where(File.Exists))
            try { shapes.Add(OpcodeProfile.FunctionShapes(path)); } catch (BadInputException) { }
        // Library code shared by the campaign's modules (libc) is left out, so each profile shows the benchmark's own code.
        var library = shapes.Count >= 2 ? OpcodeProfile.SharedShapes(shapes) : null;
        var profiles = new Dictionary<string, OpcodeProfile?>(StringComparer.Ordinal);
        OpcodeProfile? ProfileOf(string name)
        {
            if (profiles.TryGetValue(name, out var p)) return p;
            p = null;
            if (modules.TryGetValue(name, out var path) && File.Exists(path))
                try { p = OpcodeProfile.Read(path, library); } catch (BadInputException) { }
            return profiles[name] = p;
        }
        OpcodeProfile? HotProfileOf(string name, string runtime)
        {
            if (hotFunctions is null || !hotFunctions.TryGetValue((name, runtime), out var shares) || shares.Count == 0) return null;
            if (!modules.TryGetValue(name, out var path) || !File.Exists(path)) return null;
            try { return OpcodeProfile.ReadHot(path, shares, library) is { HotWeighted: true } p ? p : null; }
            catch (BadInputException) { return null; }
        }
        var findings = result.Findings.Select(f =>
            f.IsTiming && (HotProfileOf(f.Case, f.Runtime) ?? ProfileOf(f.Case)) is { } profile
                ? f with { Explanations = Explain(f.Case, f.Runtime, profile, fingerprint) } : f).ToList();
        return result with { Findings = findings, Fingerprint = fingerprint };
    }
}
