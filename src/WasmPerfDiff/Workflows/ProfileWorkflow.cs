using System.Text.Json;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Profiling;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>How perf samples: frequency (Hz), per-run timeout (s), and how many functions each list shows.</summary>
public sealed record SamplingRequest(int Frequency, double Timeout, int Top, string OutDirectory, string? ConfigPath);

/// <summary>
/// What <c>profile</c> asks for: one program (a corpus case or a module) on runtime A and optionally B.
/// Arguments replace the case's own when given; a stdin file replaces the case's stdin.
/// </summary>
public sealed record ProfileRequest(SamplingRequest Sampling, string? Case, string? CorpusDirectory, string Size, string? Wasm,
    string Runtime, string? Versus, IReadOnlyList<string> Args, string? StdinPath, string? Directory);

/// <summary>What <c>profile --db FILE --findings N</c> asks for: the campaign's top N timing findings, each against its best peer.</summary>
public sealed record FindingsProfileRequest(SamplingRequest Sampling, string Database, int Findings)
{
    /// <summary>
    /// Profile each finding's case at this size of its corpus (<see cref="CorpusDirectory"/>, default the project's)
    /// instead of the arguments its campaign ran: a campaign at the test size gives a JIT too little guest time to
    /// sample. Null: the campaign's own arguments. A case the corpus does not have keeps them.
    /// </summary>
    public string? Size { get; init; } = "default";
    public string? CorpusDirectory { get; init; }
}

public static class ProfileWorkflow
{
    public static async Task<ProfileResult> ProfileAsync(ProfileRequest request, CancellationToken ct)
    {
        var options = Options(request.Sampling);
        var (wasm, caseArgs, caseStdin) = ResolveModule(request.Case, request.CorpusDirectory, request.Size, request.Wasm);
        if (request.StdinPath is { } s) Host.InputFile.RequireRegular(s, "Stdin", "stdin file");
        if (request.Directory is { } d && !Directory.Exists(d)) throw new BadInputException($"directory not found: {d}");
        if (request.Versus == request.Runtime) throw new BadInputException("must name a different runtime than the one profiled", "Vs");
        await PerfRecorder.CheckAvailableAsync(options, ct);
        var catalog = RuntimeCatalog.Load(request.Sampling.ConfigPath);
        var a = Single(catalog, request.Runtime);
        var b = request.Versus is null ? null : Single(catalog, request.Versus);
        var run = new RunRequest(wasm, request.Args.Count > 0 ? request.Args : caseArgs, options.EffectiveTimeout, request.StdinPath ?? caseStdin, request.Directory);
        run.Validate();
        return await ProfileJob.RunAsync(a, b, run, request.Sampling.OutDirectory, options, request.Sampling.Top, ct);
    }

    /// <summary>Profiles the findings and writes the index the report links from; returns the index path and the profiles.</summary>
    public static async Task<(string Index, IReadOnlyList<FindingProfile> Profiles)> FindingsAsync(FindingsProfileRequest request, CancellationToken ct)
    {
        if (request.Findings < 1) throw new BadInputException("must be at least 1", nameof(request.Findings));
        var options = Options(request.Sampling);
        await PerfRecorder.CheckAvailableAsync(options, ct);
        var catalog = RuntimeCatalog.Load(request.Sampling.ConfigPath);
        var outDir = request.Sampling.OutDirectory;
        Func<CaseRecord, CaseRecord>? resize = null;
        if (request.Size is { } size)
        {
            var set = CorpusSet.Locate(request.CorpusDirectory);
            resize = c => set.Cases.FirstOrDefault(k => k.Name == c.Name) is { } found && found.Sizes.TryGetValue(size, out var s) ? c with { Args = s.Args } : c;
        }
        IReadOnlyList<CaseRun> runs;
        Dictionary<string, CaseRecord> cases;
        bool meansOnly;
        using (var store = CampaignStore.OpenReadOnly(request.Database))
        {
            runs = store.ReadCaseRuns();
            cases = store.Cases().GroupBy(c => c.Name).ToDictionary(g => g.Key, g => resize?.Invoke(g.First()) ?? g.First());
            meansOnly = store.HoldsMeansOnly;
        }
        if (runs.Count == 0)
            throw new BadInputException($"{request.Database} holds no runs yet: run the campaign first");
        // The same analysis as 'analyze --db' with its defaults, so the findings are the ones the user saw.
        var analysis = DifferentialAnalysis.Analyze(runs, new AnalysisOptions { MeansOnly = meansOnly });
        bool Usable(string name) => catalog.All.FirstOrDefault(r => r.Name == name)?.Detect().Available == true;
        bool Interprets(string name) => catalog.All.FirstOrDefault(r => r.Name == name) is { } r && Interpreters.Interprets(r);
        var targets = FindingProfiles.Select(analysis, runs, request.Findings, Usable, Interprets);
        var profiles = await FindingProfiles.ProfileAsync(targets, cases, catalog, outDir, options, request.Sampling.Top, ct);
        Host.OutputPaths.PrepareDirectory(outDir, "Out");
        Host.OutputPaths.WriteText(Path.Combine(outDir, FindingProfiles.IndexFile), "Out", JsonSerializer.Serialize(profiles, WireJson.Document));
        return (Path.Combine(outDir, FindingProfiles.IndexFile), profiles);
    }

    private static PerfOptions Options(SamplingRequest s)
    {
        if (s.Frequency is < 1 or > 100_000) throw new BadInputException("must be between 1 and 100000 samples per second", nameof(s.Frequency));
        if (s.Top < 1) throw new BadInputException("must be at least 1", nameof(s.Top));
        Host.OutputPaths.CheckDirectory(s.OutDirectory, "Out"); // created when the first profile is written
        return new PerfOptions(s.Frequency, Durations.FromSeconds(s.Timeout, nameof(s.Timeout)));
    }

    private static (string Wasm, IReadOnlyList<string> Args, string? Stdin) ResolveModule(string? caseName, string? corpus, string size, string? wasm)
    {
        if ((caseName is null) == (wasm is null))
            throw new BadInputException("give exactly one program: a corpus case or a module file");
        if (wasm is not null)
        {
            ModuleCheck.EnsureValid(wasm);
            return (wasm, [], null);
        }
        // The project's corpus unless another is named (a manifest corpus or a folder of .wasm with sidecars).
        var set = CorpusSet.Locate(corpus);
        var found = set.Find(caseName!);
        var path = WasmMaterializer.WasmPath(set, found);
        ModuleCheck.EnsureValid(path);
        return (path, found.Size(size).Args, set.StdinPath(found));
    }

    private static IRuntime Single(RuntimeCatalog catalog, string name)
    {
        if (name.Contains(','))
            throw new BadInputException($"one runtime per option, not a list: '{name}'");
        var runtime = catalog.Select([name]).Single();
        var detected = runtime.Detect();
        if (!detected.Available)
            throw new BadInputException($"{runtime.Name} is not available here: {detected.Reason}");
        return runtime;
    }
}
