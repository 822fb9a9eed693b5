using System.Text.Json;
using System.Text.Json.Serialization;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Host;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Profiling;

/// <summary>A finding chosen for profiling and the runtime it is compared against.</summary>
public sealed record ProfileTarget(Finding Finding, string Peer);

/// <summary>
/// What <c>profile --db FILE --findings N</c> did for one finding: where its files are (relative to the
/// output folder, so a report beside them can link them) and the profile, or why there is none.
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
    string? Error);

/// <summary>
/// Profiles the top timing findings of a campaign against their best peer: the finding's own peer when
/// the analysis named one, else the runtime with the smallest median time on that case. Writes one
/// folder per finding and an index <c>findings.json</c> that the report reads to link each finding to
/// its flame graphs.
/// </summary>
public static class FindingProfiles
{
    public const string IndexFile = "findings.json";

    /// <summary>
    /// The entries of <paramref name="dir"/>'s <see cref="IndexFile"/> as written by <see cref="RunAsync"/>, for readers that
    /// take what they need from each (the report's flame-graph links, the construct explanations' hot functions): none when
    /// the folder has no index or it is not an array; one line naming the file when it is not JSON.
    /// </summary>
    public static IReadOnlyList<JsonElement> ReadIndex(string dir)
    {
        var index = Path.Combine(dir, IndexFile);
        if (FileFacts.Of(index, followLinks: false) is null) return [];
        JsonDocument doc;
        try { doc = JsonDocument.Parse(InputFile.ReadAllText(index, "FlameGraphs", "profile index")); }
        catch (JsonException e) { throw new BadInputException($"'{index}' is not a readable profile index: {e.Message}"); }
        using (doc)
            return doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList() : [];
    }

    /// <summary>Findings about time (not instability or wrong output), anomalies before undecided ones, one per cell.</summary>
    public static IReadOnlyList<ProfileTarget> Select(AnalysisResult analysis, IReadOnlyList<CaseRun> runs, int count, Func<string, bool> usable)
    {
        FindingKind[] timingKinds = [FindingKind.Consensus, FindingKind.Peer, FindingKind.Startup];
        return analysis.Findings
            .Where(f => timingKinds.Contains(f.Kind) && f.Verdict != Verdict.NoAnomaly && usable(f.Runtime))
            .OrderBy(f => f.Verdict == Verdict.Anomaly ? 0 : 1) // stable: keeps the analysis order within each verdict
            .DistinctBy(f => (f.Case, f.Runtime))
            .Select(f => (Finding: f, Peer: BestPeer(f, runs, usable)))
            .Where(t => t.Peer is not null)
            .Take(count)
            .Select(t => new ProfileTarget(t.Finding, t.Peer!))
            .ToList();
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

    /// <param name="resize">Other arguments for a finding's case (e.g. a larger size of its corpus); null: the campaign's.</param>
    public static async Task<IReadOnlyList<FindingProfile>> RunAsync(string dbPath, int count, RuntimeCatalog catalog, string outDir,
        PerfOptions options, int topCount, CancellationToken cancellationToken = default, Func<CaseRecord, CaseRecord>? resize = null)
    {
        IReadOnlyList<CaseRun> runs;
        Dictionary<string, CaseRecord> cases;
        bool meansOnly;
        using (var store = CampaignStore.OpenReadOnly(dbPath))
        {
            runs = store.ReadCaseRuns();
            cases = store.Cases().GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First());
            meansOnly = store.HoldsMeansOnly;
        }
        if (runs.Count == 0)
            throw new BadInputException($"{dbPath} holds no runs yet: run the campaign first");
        // The same analysis as 'analyze --db' with its defaults, so the findings are the ones the user saw.
        var analysis = DifferentialAnalysis.Analyze(runs, new AnalysisOptions { MeansOnly = meansOnly });

        bool Usable(string name) => catalog.All.FirstOrDefault(r => r.Name == name)?.Detect().Available == true;
        var targets = Select(analysis, runs, count, Usable);

        var profiles = new List<FindingProfile>();
        foreach (var (target, index) in targets.Select((t, i) => (t, i + 1)))
        {
            var f = target.Finding;
            var folder = $"{index:00}-{ProfileFiles.SafeName(f.Case)}-{ProfileFiles.SafeName(f.Runtime)}";
            var entry = new FindingProfile(f.Case, f.Runtime, target.Peer, f.Kind, f.Factor, f.Verdict, folder, null, null, null, null, null);
            if (cases.TryGetValue(f.Case, out var recorded) && resize is not null) cases[f.Case] = resize(recorded);
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

        Host.OutputPaths.PrepareDirectory(outDir, "Out");
        Host.OutputPaths.WriteText(Path.Combine(outDir, IndexFile), "Out", JsonSerializer.Serialize(profiles, WireJson.Document));
        await Task.CompletedTask;
        return profiles;
    }

    private static string Relative(string outDir, string path) => Path.GetRelativePath(outDir, path).Replace('\\', '/');

    /// <summary>Median of a runtime's times; a runtime without any ranks last (+∞).</summary>
    private static double Median(IEnumerable<double> values) =>
        values.ToArray() is { Length: > 0 } array ? RobustStats.Median(array) : double.PositiveInfinity;
}
