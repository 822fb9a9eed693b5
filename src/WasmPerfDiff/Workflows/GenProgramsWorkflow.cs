using System.Diagnostics;
using System.Text.Json;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Programs;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Host;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>gen programs</c> asks for: <see cref="Count"/> programs tried from <see cref="Seed"/> (indices
/// <see cref="FirstIndex"/> on), written to <see cref="Out"/> (absent or empty); <see cref="Patterns"/> limits the hot spots.</summary>
public sealed record GenProgramsRequest(string Out, int Count, long Seed, double MinMs = 20, double MaxMs = 200,
    IReadOnlyList<string>? Patterns = null, int FirstIndex = 0);

/// <summary>
/// <c>gen programs</c>: Csmith programs with injected hot spots as a foreign corpus (NAME.wasm, NAME.args, NAME.expected,
/// NAME.c), each kept only when it passes the native filters (<see cref="ProgramFilter"/>) and then runs ok with the
/// expected output on the reference runtime (embedded Wasmtime's Cranelift tier). One program at a time: the
/// native timings that choose the sizes would otherwise measure each other.
/// </summary>
public static class GenProgramsWorkflow
{
    public const string ReferenceRuntime = "wasmtime-cranelift";
    public const string DocumentFile = "programs.json";
    public const int MaxCount = 100_000;

    public static async Task<GenProgramsDocument> RunAsync(GenProgramsRequest request, Action<string>? progress, CancellationToken ct)
    {
        if (request.Count is < 1 or > MaxCount) throw new BadInputException($"must be 1–{MaxCount} (got {request.Count})", nameof(request.Count));
        var range = new TimeRange(request.MinMs, request.MaxMs);
        range.Validate();
        var hotSpots = SelectHotSpots(request.Patterns);
        var outDir = OutputPaths.CheckDirectory(request.Out, nameof(request.Out));
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new BadInputException($"'{request.Out}' is not empty: gen programs writes only into a new or empty folder", nameof(request.Out));
        var reference = RuntimeCatalog.Load().Select([ReferenceRuntime]).SingleOrDefault()
            ?? throw new BadInputException($"the reference runtime {ReferenceRuntime} is not available (see: wasm-perfdiff doctor)");
        var filter = new ProgramFilter(await ProgramBuild.DetectAsync(ct), range);
        OutputPaths.PrepareDirectory(outDir, nameof(request.Out));

        var watch = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("perfdiff-gen-").FullName;
        var kept = new List<GeneratedProgramRow>();
        var rejected = new List<RejectedProgramRow>();
        try
        {
            for (var i = 0; i < request.Count; i++)
            {
                var plan = ProgramPlan.For(request.Seed, request.FirstIndex + i, hotSpots);
                var candidate = await ProgramGenerator.MakeAsync(plan, filter, work, ct);
                var outcome = candidate.Outcome.Kept ? await CheckOnReferenceAsync(candidate, reference, range, ct) : candidate.Outcome;
                if (outcome.Kept)
                {
                    Keep(candidate, outcome, outDir);
                    kept.Add(new GeneratedProgramRow(plan.Name, plan.HotSpot.Name, plan.CsmithSeed, outcome.Size, Math.Round(outcome.NativeMs, 1)));
                }
                else rejected.Add(new RejectedProgramRow(plan.Name, plan.HotSpot.Name, plan.CsmithSeed, outcome.Rejected!.Value, outcome.Detail ?? ""));
                foreach (var f in Directory.EnumerateFiles(work)) File.Delete(f);
                progress?.Invoke($"[{i + 1}/{request.Count}] {plan.Name}: " + (outcome.Kept
                    ? $"kept, size {outcome.Size}, {outcome.NativeMs:0} ms natively"
                    : $"rejected ({Wire.Name(outcome.Rejected!.Value)}: {outcome.Detail})"));
            }
        }
        finally { Directory.Delete(work, recursive: true); }

        var document = new GenProgramsDocument(outDir, request.Seed, request.Count, kept.Count,
            rejected.GroupBy(r => Wire.Name(r.Reason)).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            Math.Round(watch.Elapsed.TotalSeconds, 1), ReferenceRuntime, range.MinMs, range.MaxMs, kept, rejected);
        OutputPaths.WriteText(Path.Combine(outDir, DocumentFile), nameof(request.Out), JsonSerializer.Serialize(document, WireJson.Document) + "\n");
        return document;
    }

    /// <summary>The hot spots named (all when none): an unknown name is bad input.</summary>
    public static IReadOnlyList<HotSpot> SelectHotSpots(IReadOnlyList<string>? names)
    {
        if (names is not { Count: > 0 }) return HotSpotCatalog.All;
        return names.Select(n => HotSpotCatalog.Find(n) ?? throw new BadInputException(
            $"unknown hot spot '{n}' (known: {string.Join(", ", HotSpotCatalog.All.Select(h => h.Name))})", "Patterns")).Distinct().ToList();
    }

    /// <summary>The last filter: the module runs ok on the reference runtime and prints exactly the native output.</summary>
    private static async Task<FilterOutcome> CheckOnReferenceAsync(ProgramCandidate candidate, IRuntime reference, TimeRange range, CancellationToken ct)
    {
        // Wasm may run several times slower than native (an interpreter would be far slower; the reference is a JIT).
        var timeout = TimeSpan.FromMilliseconds(Math.Max(10_000, range.MaxMs * 50));
        var run = await reference.RunAsync(new RunRequest(candidate.WasmPath, [candidate.Outcome.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)], timeout, null, null), ct);
        if (run.Status != RunStatus.Ok)
            return FilterOutcome.Reject(Rejection.ReferenceFailed, $"{Wire.Name(run.Status)} on {reference.Name}{(run.Message is { } m ? ": " + m : "")}");
        if (!string.Equals(run.StdoutSha256, Sha256(candidate.Outcome.ExpectedStdout!), StringComparison.OrdinalIgnoreCase))
            return FilterOutcome.Reject(Rejection.ReferenceOutputDiffers, $"{reference.Name} printed another output than the native build");
        return candidate.Outcome;
    }

    private static void Keep(ProgramCandidate candidate, FilterOutcome outcome, string outDir)
    {
        var stem = Path.Combine(outDir, candidate.Plan.Name);
        File.Copy(candidate.WasmPath, stem + ".wasm");
        File.Copy(candidate.SourcePath, stem + ".c");
        File.WriteAllText(stem + ".args", outcome.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        File.WriteAllText(stem + ".expected", outcome.ExpectedStdout);
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
