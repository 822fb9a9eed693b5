using System.Text.Json;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Host;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Profiling;

/// <summary>A finding chosen for profiling and the runtime it is compared against; <see cref="Skip"/> says why it is
/// listed but not profiled (null: profiled).</summary>
public sealed record ProfileTarget(Finding Finding, string Peer, string? Skip = null);

/// <summary>
/// What <c>profile --db FILE --findings N</c> did for one finding: where its files are (relative to the
/// output folder, so a report beside them can link them) and the profile, or why there is none: <see cref="Skipped"/>
/// when a profile could not explain it (not tried), <see cref="Error"/> when profiling failed.
/// </summary>
public sealed record FindingProfile(
    string Case,
    string Runtime,
    string Peer,
    FindingKind Kind,
    double? Factor,
    Verdict? Verdict,
    string Folder,
    string? Svg,
    string? PeerSvg,
    string? DiffSvg,
    ProfileResult? Profile,
    string? Error,
    string? Skipped = null);

/// <summary>
/// Profiles the top timing findings of a campaign against their best peer: the finding's own peer when
/// the analysis named one, else the runtime with the smallest median time on that case. One folder per
/// finding; <c>Workflows/ProfileWorkflow</c> writes the index <c>findings.json</c> that the report reads to
/// link each finding to its flame graphs.
/// </summary>
public static class FindingProfiles
{
    public const string IndexFile = "findings.json";

    /// <summary>
    /// The entries of <paramref name="dir"/>'s <see cref="IndexFile"/> as <c>profile --db … --findings N</c> wrote them, for
    /// readers that take what they need from each (the report's flame-graph links, the construct explanations' hot
    /// functions): none when the folder has no index or it is not an array; one line naming the file when it is not
    /// an index. Entries without a case or runtime are left out.
    /// </summary>
    public static IReadOnlyList<FindingProfile> ReadIndex(string dir)
    {
        var index = Path.Combine(dir, IndexFile);
        if (FileFacts.Of(index, followLinks: false) is null) return [];
        try
        {
            using var doc = JsonDocument.Parse(InputFile.ReadAllText(index, "FlameGraphs", "profile index"));
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return [];
            return (doc.RootElement.Deserialize<List<FindingProfile?>>(WireJson.Document) ?? [])
                .Where(p => p is { Case: not null, Runtime: not null }).Select(p => p!).ToList();
        }
        catch (JsonException e) { throw new BadInputException($"'{index}' is not a readable profile index: {e.Message}"); }
    }

    /// <summary>Why an interpreter's finding against an interpreter is not profiled.</summary>
    public const string BothInterpreters =
        "both runtimes interpret: their samples are in each interpreter's own frames, which neither names guest functions nor matches the other's, so a profile cannot explain the difference";

    /// <summary>
    /// Findings about time (not instability or wrong output), anomalies before undecided ones, one per cell, until
    /// <paramref name="count"/> can be profiled. A finding whose runtime and peer both interpret (<paramref name="interprets"/>)
    /// is listed with the reason it is skipped and does not count.
    /// </summary>
    public static IReadOnlyList<ProfileTarget> Select(AnalysisResult analysis, IReadOnlyList<CaseRun> runs, int count, Func<string, bool> usable,
        Func<string, bool>? interprets = null)
    {
        FindingKind[] timingKinds = [FindingKind.Consensus, FindingKind.Peer, FindingKind.Startup];
        var candidates = analysis.Findings
            .Where(f => timingKinds.Contains(f.Kind) && f.Verdict != Verdict.NoAnomaly && usable(f.Runtime))
            .OrderBy(f => f.Verdict == Verdict.Anomaly ? 0 : 1) // stable: keeps the analysis order within each verdict
            .DistinctBy(f => (f.Case, f.Runtime));
        var targets = new List<ProfileTarget>();
        var profiled = 0;
        foreach (var f in candidates)
        {
            if (profiled == count) break;
            if (BestPeer(f, runs, usable) is not { } peer) continue;
            var skip = interprets is not null && interprets(f.Runtime) && interprets(peer) ? BothInterpreters : null;
            if (skip is null) profiled++;
            targets.Add(new ProfileTarget(f, peer, skip));
        }
        return targets;
    }

    /// <summary>The finding's peer if usable here, else the runtime with the smallest median time (execution, else wall) on the case.</summary>
    public static string? BestPeer(Finding finding, IReadOnlyList<CaseRun> runs, Func<string, bool> usable)
    {
        if (finding.Peer is { } peer && peer != finding.Runtime && usable(peer))
            return peer;
        return runs
            .Where(r => r.Case == finding.Case && r.Result.Runtime != finding.Runtime && r.Result.Status == RunStatus.Ok && usable(r.Result.Runtime))
            .GroupBy(r => r.Result.Runtime)
            .Select(g => (Runtime: g.Key, Median: Median(g.Select(r => r.Result.Phases.ExecuteMs ?? r.Result.WallMs))))
            .OrderBy(x => x.Median).ThenBy(x => x.Runtime, StringComparer.Ordinal)
            .Select(x => x.Runtime)
            .FirstOrDefault();
    }

    /// <summary>
    /// Profiles each target against its peer into one folder per finding under <paramref name="outDir"/>; a finding that
    /// cannot be profiled here says why in its entry. <paramref name="cases"/>: the campaign's cases by name, with the
    /// arguments to profile them at.
    /// </summary>
    public static async Task<IReadOnlyList<FindingProfile>> ProfileAsync(IReadOnlyList<ProfileTarget> targets, IReadOnlyDictionary<string, CaseRecord> cases,
        RuntimeCatalog catalog, string outDir, PerfOptions options, int topCount, CancellationToken cancellationToken = default)
    {
        var profiles = new List<FindingProfile>();
        foreach (var (target, index) in targets.Select((t, i) => (t, i + 1)))
        {
            var f = target.Finding;
            var folder = $"{index:00}-{ProfileFiles.SafeName(f.Case)}-{ProfileFiles.SafeName(f.Runtime)}";
            var entry = new FindingProfile(f.Case, f.Runtime, target.Peer, f.Kind, f.Factor, f.Verdict, folder, null, null, null, null, null);
            if (target.Skip is { } skip)
            {
                profiles.Add(entry with { Skipped = skip });
                continue;
            }
            if (!cases.TryGetValue(f.Case, out var caseRecord) || !File.Exists(caseRecord.WasmPath))
            {
                profiles.Add(entry with { Error = $"the module of case {f.Case} is not on this machine" });
                continue;
            }
            try
            {
                var request = new RunRequest(caseRecord.WasmPath, caseRecord.Args, options.EffectiveTimeout, caseRecord.StdinPath);
                var a = catalog.All.First(r => r.Name == f.Runtime);
                var b = catalog.All.First(r => r.Name == target.Peer);
                var result = await ProfileJob.RunAsync(a, b, request, Path.Combine(outDir, folder), options, topCount, cancellationToken);
                profiles.Add(entry with
                {
                    Svg = Relative(outDir, result.A.SvgPath),
                    PeerSvg = Relative(outDir, result.B!.SvgPath),
                    DiffSvg = Relative(outDir, result.DifferentialSvgPath!),
                    Profile = result,
                });
            }
            catch (BadInputException e)
            {
                // One finding that cannot be profiled here (a runtime refused the module, a timeout) must not cost the others.
                profiles.Add(entry with { Error = e.Message });
            }
        }
        return profiles;
    }

    private static string Relative(string outDir, string path) => Path.GetRelativePath(outDir, path).Replace('\\', '/');

    /// <summary>Median of a runtime's times; a runtime without any ranks last (+∞).</summary>
    private static double Median(IEnumerable<double> values) =>
        values.ToArray() is { Length: > 0 } array ? RobustStats.Median(array) : double.PositiveInfinity;
}
