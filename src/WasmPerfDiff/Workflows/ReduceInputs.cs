using System.Globalization;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Profiling;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>What one reduction starts from: the program (C source or module), how it runs, the target and its peers,
/// and the finding it came from when it came from a campaign.</summary>
public sealed record ReduceInput(string Name, ReductionLevel Level, string Program, string Language, string Wasm, IReadOnlyList<string> Args, string? Stdin,
    string Target, IReadOnlyList<string> Peers, string? IncludeDirectory, string? ConfigPath, Finding? Finding = null);

/// <summary>
/// Turns <c>reduce</c>'s three ways of naming a program into <see cref="ReduceInput"/>s: a campaign's case and runtime,
/// the Nth of <c>analyze</c>'s timing findings (the order <c>profile --findings</c> uses), or a module with a target and
/// peers. A campaign's finding must be an anomaly; its peer is the analysis's (<see cref="FindingProfiles.BestPeer"/>).
/// Source level when the case has C source: the corpus's, or a <c>NAME.c</c> beside a foreign module.
/// </summary>
public static class ReduceInputs
{
    public static ReduceInput FromModule(string wasm, string target, IReadOnlyList<string> peers, IReadOnlyList<string> args, string? configPath)
    {
        if (!File.Exists(wasm)) throw new BadInputException($"module file '{wasm}' does not exist", "Wasm");
        if (BaselineModule.Derive(File.ReadAllBytes(wasm), out var reason) is null)
            throw new BadInputException($"'{wasm}' cannot be reduced as a program: {reason}", "Wasm");
        if (peers.Count == 0) throw new BadInputException("name at least one peer runtime to compare the target with", "Peers");
        if (peers.Contains(target, StringComparer.Ordinal)) throw new BadInputException($"the target '{target}' is also listed as a peer", "Peers");
        var full = Path.GetFullPath(wasm);
        configPath = AbsoluteConfig(configPath);
        return WithSource(new ReduceInput(Path.GetFileNameWithoutExtension(full), ReductionLevel.Wasm, full, "wasm", full, args, null, target, peers, null, configPath));
    }

    /// <summary>A campaign's finding: by case and runtime, or by its rank (1-based) among the timing findings.</summary>
    public static IReadOnlyList<ReduceInput> FromCampaign(string db, string? caseName, string? runtime, int? rank, int top, string? configPath)
    {
        if (!File.Exists(db)) throw new BadInputException($"file '{Path.GetFullPath(db)}' does not exist", "Db");
        using var store = CampaignStore.OpenReadOnly(db);
        var runs = store.ReadCaseRuns();
        if (runs.Count == 0) throw new BadInputException($"{db} holds no runs yet: run the campaign first", "Db");
        var cases = store.Cases().GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var settings = store.LocalCampaign() is { } c ? CampaignSettings.FromJson(c.SettingsJson) : null;
        var analysis = DifferentialAnalysis.Analyze(runs, new AnalysisOptions { MeansOnly = store.HoldsMeansOnly });
        var ranked = FindingProfiles.Select(analysis, runs, int.MaxValue, _ => true).Where(t => t.Finding.Kind != FindingKind.Startup).ToList();
        List<ProfileTarget> chosen;
        if (caseName is not null || runtime is not null)
        {
            if (caseName is null || runtime is null) throw new BadInputException("name both --case and --runtime", caseName is null ? "Case" : "Runtime");
            if (!cases.ContainsKey(caseName)) throw new BadInputException($"no case '{caseName}' in {db}", "Case");
            if (!runs.Any(r => r.Result.Runtime == runtime)) throw new BadInputException($"runtime '{runtime}' has no runs in {db}", "Runtime");
            var found = ranked.FirstOrDefault(t => t.Finding.Case == caseName && t.Finding.Runtime == runtime)
                ?? throw new BadInputException($"{caseName} on {runtime} is not a timing finding of {db}: nothing to reduce", "Case");
            chosen = [found];
        }
        else if (rank is int n)
        {
            if (n < 1 || n > ranked.Count) throw new BadInputException($"there are {ranked.Count} timing findings; pick 1 to {ranked.Count}", "Finding");
            chosen = [ranked[n - 1]];
        }
        else chosen = ranked.Where(t => t.Finding.Verdict == Verdict.Anomaly).Take(top).ToList();
        foreach (var t in chosen)
            if (t.Finding.Verdict != Verdict.Anomaly)
                throw new BadInputException(FormattableString.Invariant(
                    $"{t.Finding.Case} on {t.Finding.Runtime} is not an anomaly ({t.Finding.Verdict?.ToWire() ?? "no verdict"}, ×{t.Finding.Factor ?? double.NaN:0.00}): nothing to reduce"), "Case");
        var corpus = settings?.Corpus is { } dir && Directory.Exists(dir) ? TryOpen(dir) : null;
        var config = AbsoluteConfig(configPath ?? settings?.Config);
        return chosen.Select(t => FromCase(cases[t.Finding.Case], t, corpus, config)).ToList();
    }

    private static ReduceInput FromCase(CaseRecord record, ProfileTarget t, CorpusSet? corpus, string? configPath)
    {
        if (!File.Exists(record.WasmPath)) throw new BadInputException($"the module of case {record.Name} is not on this machine ({record.WasmPath})", "Case");
        var input = new ReduceInput(record.Name, ReductionLevel.Wasm, record.WasmPath, "wasm", record.WasmPath, record.Args, record.StdinPath,
            t.Finding.Runtime, [t.Peer], null, configPath, t.Finding);
        var source = corpus?.Cases.FirstOrDefault(c => c.Name == record.Name) is { Source: { } s } cc && cc.Language is "c" or "c++" ? (corpus.Resolve(s), cc.Language) : default;
        return source.Item1 is { } path && File.Exists(path)
            ? input with { Level = ReductionLevel.C, Program = path, Language = source.Language, IncludeDirectory = Path.Combine(corpus!.Directory, "include") }
            : WithSource(input);
    }

    /// <summary>A foreign module that ships <c>NAME.c</c> beside it is reduced at source level.</summary>
    private static ReduceInput WithSource(ReduceInput input)
    {
        var c = Path.ChangeExtension(input.Wasm, ".c");
        return File.Exists(c) ? input with { Level = ReductionLevel.C, Program = c, Language = "c", IncludeDirectory = Path.GetDirectoryName(c) } : input;
    }

    /// <summary>The config file the tool would read here, as a full path: the reducer's checks run in folders of their own.</summary>
    private static string? AbsoluteConfig(string? configPath) => Runtimes.RuntimeConfig.Locate(configPath) is { } p ? Path.GetFullPath(p) : null;

    private static CorpusSet? TryOpen(string dir)
    {
        try { return CorpusSet.Open(dir); }
        catch (BadInputException) { return null; }
    }

    /// <summary>Index of the first positive integer argument (the corpus's size argument), null when there is none.</summary>
    public static int? SizeArgIndex(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
            if (long.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return i;
        return null;
    }
}
