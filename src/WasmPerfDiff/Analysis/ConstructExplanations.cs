using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Analysis;

/// <summary>
/// One reason a finding may be slow: a construct the module uses a lot (<see cref="Share"/> of its loop-weighted
/// instructions, see <see cref="OpcodeProfile"/>) that the finding's runtime is unusually slow at
/// (<see cref="Relative"/>: its cost of the construct against its peers', from the fingerprint's
/// <see cref="Construct"/> family). <see cref="Score"/> = share × ln(relative) ranks them.
/// </summary>
public sealed record ConstructExplanation(string Construct, string OpcodeClass, double Relative, double? CiLow, double? CiHigh, double Share, double Score, string Text);

/// <summary>Ranks, for each execution finding, the constructs its module uses a lot and its runtime is slow at; adds the fingerprint to the result.</summary>
public static class ConstructExplanations
{
    /// <summary>A construct the runtime pays less than this much more for than its peers does not explain a slowdown.</summary>
    public const double MinRelative = 1.2;
    /// <summary>A construct under this share of the module's loop-weighted instructions does not explain it either.</summary>
    public const double MinShare = 0.001;
    public const int Top = 3;

    public static IReadOnlyList<ConstructExplanation> Explain(string caseName, string runtime, OpcodeProfile profile, ConstructFingerprint fingerprint)
    {
        var list = new List<ConstructExplanation>();
        foreach (var group in fingerprint.Cells.Where(c => c.Runtime == runtime && c.Relative is not null).GroupBy(c => c.OpcodeClass))
        {
            // Several families of one class (call_indirect mono/poly, br_table small/large): the slowest speaks for the class.
            var cell = group.MaxBy(c => c.Relative!.Value)!;
            var share = profile.Share(group.Key);
            var relative = cell.Relative!.Value;
            if (relative < MinRelative || share < MinShare) continue;
            var text = $"{runtime}: {group.Key} {relative:0.0#}× its peers ({cell.Construct}); {caseName}: {share * 100:0.#} % of its own loop-weighted instructions are {group.Key}";
            list.Add(new ConstructExplanation(cell.Construct, group.Key, relative, cell.CiLow, cell.CiHigh, share, share * Math.Log(relative), text));
        }
        return list.OrderByDescending(e => e.Score).ThenBy(e => e.Construct, StringComparer.Ordinal).Take(Top).ToList();
    }

    /// <summary>
    /// The result with the fingerprint and, when it analysed the execution phase, each timing finding's explanations
    /// (from the module its campaign recorded for the case, without the library code most of the campaign's modules
    /// share; a module that is gone or unreadable gets none).
    /// </summary>
    public static AnalysisResult Attach(AnalysisResult result, ConstructFingerprint fingerprint, IReadOnlyList<CaseRecord> cases)
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
        var findings = result.Findings.Select(f =>
            f.IsTiming && ProfileOf(f.Case) is { } profile ? f with { Explanations = Explain(f.Case, f.Runtime, profile, fingerprint) } : f).ToList();
        return result with { Findings = findings, Fingerprint = fingerprint };
    }
}
