using System.CommandLine;
using System.Globalization;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Profiling;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>profile (--case NAME --corpus DIR | --wasm FILE) --runtime A [--vs B] [--out DIR] [--json] [-- ARGS]</c>:
/// samples the program with perf on A (and B), writes <c>A.folded</c>, <c>A.svg</c> (and <c>B.*</c>,
/// <c>A-vs-B.diff.svg</c>) into DIR, and prints the top guest functions per runtime and the guest
/// functions whose share grew most from B to A. <c>profile --db FILE --findings N</c> does the same for
/// the campaign's top N timing findings against their best peer, one folder each, with an index
/// <c>findings.json</c> for the report. Exit 0 when every profiled run exited 0, 1 when a
/// profiled program failed or hit the timeout (its profile is still written), 2 on bad usage or when perf cannot sample.
/// </summary>
public static class ProfileVerb
{
    /// <summary>Rows per list on the console: the head of the ranking is what points at the cause.</summary>
    private const int DefaultTop = 10;

    public static Command Create()
    {
        var caseName = new Option<string?>("--case") { Description = "Corpus case to profile (by name; its args and stdin come from the corpus)" };
        var corpus = new Option<string?>("--corpus") { Description = "Corpus directory for --case (NAME.wasm with NAME.args / NAME.stdin sidecars)" };
        var size = new Option<string>("--size") { Description = "Input size of the case (default or test)", DefaultValueFactory = _ => "default" };
        var wasm = new Option<string?>("--wasm") { Description = "A wasm32-wasi command module to profile" };
        var runtime = new Option<string?>("--runtime", "-r") { Description = "Runtime configuration A to profile" };
        var vs = new Option<string?>("--vs") { Description = "Runtime configuration B to compare A against (differential flame graph)" };
        var outDir = new Option<string>("--out") { Description = "Output folder for .folded and .svg files", DefaultValueFactory = _ => "profile-out" };
        var frequency = new Option<int>("--frequency", "-F") { Description = "Samples per second", DefaultValueFactory = _ => PerfOptions.DefaultFrequencyHz };
        var timeout = new Option<double>("--timeout") { Description = "Per-run timeout in seconds", DefaultValueFactory = _ => RunRequest.DefaultTimeout.TotalSeconds };
        var top = new Option<int>("--top") { Description = "Functions per list", DefaultValueFactory = _ => DefaultTop };
        var stdin = new Option<string?>("--stdin") { Description = "File to feed to the program's stdin" };
        var dir = new Option<string?>("--dir") { Description = "Directory to preopen for the program (same path inside the guest)" };
        var db = new Option<string?>("--db") { Description = "Campaign database: profile its top anomaly findings (with --findings)" };
        var findings = new Option<int?>("--findings") { Description = "How many of the campaign's top findings to profile against their best peer" };
        var guestArgs = new Argument<string[]>("args") { Description = "Arguments for the program (after --)", Arity = ArgumentArity.ZeroOrMore };
        var json = CommonOptions.Json();

        var command = new Command("profile", "Sample a program with perf on one runtime (and a second), write flame graphs and a differential flame graph, rank guest functions")
        {
            caseName, corpus, size, wasm, runtime, vs, outDir, frequency, timeout, top, stdin, dir, db, findings, guestArgs, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var seconds = parse.GetValue(timeout);
            if (seconds <= 0 || double.IsNaN(seconds)) throw new BadInputException("--timeout must be a positive number of seconds");
            if (parse.GetValue(frequency) is < 1 or > 100_000) throw new BadInputException("--frequency must be between 1 and 100000 samples per second");
            if (parse.GetValue(top) < 1) throw new BadInputException("--top must be at least 1");
            var options = new PerfOptions(parse.GetValue(frequency), TimeSpan.FromSeconds(seconds));
            if (parse.GetValue(db) is not null || parse.GetValue(findings) is not null)
            {
                var singleCaseOptions = parse.GetValue(caseName) is not null || parse.GetValue(wasm) is not null || parse.GetValue(runtime) is not null;
                return await ProfileFindingsAsync(parse, singleCaseOptions, parse.GetValue(db), parse.GetValue(findings), parse.GetValue(outDir)!,
                    options, parse.GetValue(top), parse.GetValue(json), ct);
            }

            var (wasmPath, caseArgs, caseStdin) = ResolveModule(parse.GetValue(caseName), parse.GetValue(corpus), parse.GetValue(size)!, parse.GetValue(wasm));
            if (parse.GetValue(stdin) is string s && !File.Exists(s)) throw new BadInputException($"stdin file not found: {s}");
            if (parse.GetValue(dir) is string d && !Directory.Exists(d)) throw new BadInputException($"directory not found: {d}");
            var nameA = parse.GetValue(runtime) ?? throw new BadInputException("--runtime is required: the runtime configuration to profile");
            var nameB = parse.GetValue(vs);
            if (nameB == nameA) throw new BadInputException("--vs must name a different runtime than --runtime");

            await PerfRecorder.CheckAvailableAsync(options, ct);

            var catalog = RuntimeCatalog.Load(parse.GetValue(CommonOptions.Config));
            var a = Single(catalog, nameA);
            var b = nameB is null ? null : Single(catalog, nameB);
            // Arguments after -- replace the case's own; an explicit --stdin replaces its stdin file.
            var args = parse.GetValue(guestArgs) is { Length: > 0 } given ? given : caseArgs;
            var request = new RunRequest(wasmPath, args, TimeSpan.FromSeconds(seconds), parse.GetValue(stdin) ?? caseStdin, parse.GetValue(dir));

            var result = await ProfileJob.RunAsync(a, b, request, parse.GetValue(outDir)!, options, parse.GetValue(top), ct);

            if (parse.GetValue(json)) JsonOutput.Print(result);
            else Print(result);
            var failed = new[] { result.A, result.B }.OfType<RuntimeProfile>().Where(p => p.ExitCode != 0 || p.TimedOut).ToList();
            foreach (var p in failed)
                Console.Error.WriteLine(p.TimedOut
                    ? $"wasm-perfdiff: the program did not finish within {seconds:0.#} s on {p.Runtime}; its profile covers the time until it was stopped"
                    : $"wasm-perfdiff: the program exited {p.ExitCode} on {p.Runtime}; its profile is of a failing run");
            return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Found;
        });
        return command;
    }

    private static (string Wasm, IReadOnlyList<string> Args, string? Stdin) ResolveModule(string? caseName, string? corpus, string size, string? wasm)
    {
        if ((caseName is null) == (wasm is null))
            throw new BadInputException("give exactly one of --case NAME or --wasm FILE");
        if (wasm is not null)
        {
            ModuleCheck.EnsureValid(wasm);
            return (wasm, [], null);
        }
        // The project's corpus unless --corpus names another (a manifest corpus or a folder of .wasm with sidecars).
        var set = CorpusSet.Locate(corpus);
        var found = set.Find(caseName!);
        var path = WasmMaterializer.WasmPath(set, found);
        ModuleCheck.EnsureValid(path);
        return (path, found.Size(size).Args, set.StdinPath(found));
    }

    /// <summary><c>--db FILE --findings N</c>: the campaign's top N timing findings, each against its best peer.</summary>
    private static async Task<int> ProfileFindingsAsync(ParseResult parse, bool singleCaseOptions, string? db, int? findings, string outDir, PerfOptions options, int top,
        bool json, CancellationToken cancellationToken)
    {
        if (db is null || findings is null)
            throw new BadInputException("--db FILE and --findings N go together");
        if (findings < 1)
            throw new BadInputException("--findings must be at least 1");
        if (singleCaseOptions)
            throw new BadInputException("--db/--findings choose cases and runtimes themselves: drop --case, --wasm and --runtime");
        await PerfRecorder.CheckAvailableAsync(options, cancellationToken);
        var catalog = RuntimeCatalog.Load(parse.GetValue(CommonOptions.Config));
        var profiles = await FindingProfiles.RunAsync(db, findings.Value, catalog, outDir, options, top, cancellationToken);

        if (json)
        {
            JsonOutput.Print(new { index = Path.Combine(outDir, FindingProfiles.IndexFile), findings = profiles });
            return ExitCodes.Ok;
        }
        if (profiles.Count == 0)
            Console.WriteLine("no timing findings to profile (or none whose runtimes are available here)");
        foreach (var p in profiles)
        {
            var factor = p.Factor is double x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "?";
            Console.WriteLine($"== {p.Case} on {p.Runtime} ({Wire.Name(p.Kind)}, {factor}, {(p.Verdict is { } v ? Wire.Name(v) : "")}) vs {p.Peer}: {Path.Combine(outDir, p.Folder)}");
            if (p.Profile is not null) Print(p.Profile);
            else Console.WriteLine($"  not profiled: {p.Error}");
        }
        Console.WriteLine($"index for the report: {Path.Combine(outDir, FindingProfiles.IndexFile)}");
        return ExitCodes.Ok;
    }

    private static IRuntime Single(RuntimeCatalog catalog, string name)
    {
        if (name.Contains(','))
            throw new BadInputException($"profile takes one runtime per option, not a list: '{name}'");
        var runtime = catalog.Select([name]).Single();
        var detected = runtime.Detect();
        if (!detected.Available)
            throw new BadInputException($"{runtime.Name} is not available here: {detected.Reason}");
        return runtime;
    }

    private static void Print(ProfileResult result)
    {
        foreach (var p in new[] { result.A, result.B }.OfType<RuntimeProfile>())
        {
            Console.WriteLine($"{p.Runtime}: {p.Samples} samples, {Pct(p.GuestShare)} in guest code  ->  {p.SvgPath}");
            if (p.GuestTierSamples.Count > 0)
            {
                var tiered = p.GuestTierSamples.Values.Sum();
                Console.WriteLine("  guest code by JIT tier: " + string.Join(", ",
                    p.GuestTierSamples.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {Pct((double)t.Value / tiered)}")));
            }
            if (p.TopGuestFunctions.Count == 0)
                Console.WriteLine("  no samples in guest code (an interpreter, a runtime without JIT symbol maps, or a run too short: give it more work or a higher --frequency)");
            foreach (var f in p.TopGuestFunctions)
                Console.WriteLine($"  {Pct(f.SelfShare),7}  {Ms(f.SelfMs),9}  {f.Function}");
        }
        if (result.B is null)
            return;
        Console.WriteLine($"guest functions whose share grew most from {result.B.Runtime} to {result.A.Runtime}:");
        if (result.GrowthFromBToA.Count == 0)
            Console.WriteLine("  none");
        foreach (var g in result.GrowthFromBToA)
            Console.WriteLine($"  {PointChange(g.Change),9}  {g.Function} ({Pct(g.ShareA)} vs {Pct(g.ShareB)}; {Ms(g.MsA)} vs {Ms(g.MsB)})");
        Console.WriteLine($"differential flame graph: {result.DifferentialSvgPath}");
    }

    private static string Pct(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double ms) => ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string PointChange(double change) => (100 * change).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp";
}
