using System.Diagnostics;
using System.Text.Json;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Host;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// <c>reduce</c>: measures the original (a fixed number of runs per side, the same check every candidate gets), sets
/// the factor candidates must keep, runs the reducer with the check verb as its interestingness test until it
/// finishes or the budget is spent, measures the best program again, profiles it on the target and its first peer
/// (<see cref="ReductionFlameGraph"/>, when perf works), and writes <c>summary.json</c> and <c>ISSUE.md</c> beside it. The output folder holds the best program so far throughout (<see cref="ReductionFolder"/>).
/// </summary>
public static class ReduceWorkflow
{
    public const string SummaryFile = "summary.json";
    public const string IssueFile = "ISSUE.md";

    public static async Task<ReduceResult> RunAsync(ReduceRequest request, IProgress<ReduceProgress>? progress, CancellationToken ct)
    {
        var inputs = Resolve(request);
        if (request.MaxTime <= TimeSpan.Zero) throw new BadInputException("must be positive", "MaxTime");
        if (request.Runs < Analysis.CompareAnalysis.MinRuns) throw new BadInputException($"must be at least {Analysis.CompareAnalysis.MinRuns}", "Runs");
        var outDir = OutputPaths.CheckDirectory(request.Out, "Out");
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new BadInputException($"'{request.Out}' is not empty; name a new folder for the reduction", "Out");
        foreach (var level in inputs.Select(i => i.Level).Distinct()) ReducerTools.ForLevel(level);
        foreach (var input in inputs) CandidateCheck.Resolve(input.Target, input.Peers, input.ConfigPath);
        // Fitted before anything is measured: a bad constructs database is bad input, not a failure after half an hour.
        // The bootstrap's seed is analyze's default, so the cell is the one 'analyze --constructs' shows.
        var fingerprint = request.Constructs is { } constructs ? ConstructFingerprintFile.Read(constructs) : null;
        OutputPaths.PrepareDirectory(outDir, "Out");
        var budget = request.MaxTime / inputs.Count;
        var summaries = new List<ReductionSummary>();
        foreach (var (input, i) in inputs.Select((x, i) => (x, i + 1)))
        {
            var dir = inputs.Count == 1 ? outDir : Path.Combine(outDir, $"{i:00}-{Profiling.ProfileFiles.SafeName(input.Name)}-{Profiling.ProfileFiles.SafeName(input.Target)}");
            var summary = await ReduceOneAsync(input, dir, budget, request, fingerprint, mustReproduce: inputs.Count == 1, progress, ct);
            summaries.Add(summary);
            if (summary.End == ReductionEnd.Interrupted) break;
        }
        return new ReduceResult(summaries, ReductionGroups.Of(summaries));
    }

    private static IReadOnlyList<ReduceInput> Resolve(ReduceRequest r)
    {
        if ((r.Wasm is null) == (r.Database is null)) throw new BadInputException("give a campaign (--db with --case and --runtime, --finding or --top) or a module (--wasm)", "Db");
        if (r.Wasm is { } wasm)
        {
            if (r.Runtime is null) throw new BadInputException("name the runtime the module is slow on", "Runtime");
            return [ReduceInputs.FromModule(wasm, r.Runtime, r.Peers, r.Args, r.ConfigPath)];
        }
        if (r.Peers.Count > 0 || r.Args.Count > 0) throw new BadInputException("a campaign's finding brings its own peers and arguments", r.Peers.Count > 0 ? "Peers" : "Args");
        var ways = (r.Case is not null || r.Runtime is not null ? 1 : 0) + (r.Finding is not null ? 1 : 0) + (r.Top is not null ? 1 : 0);
        if (ways != 1) throw new BadInputException("name one finding of the campaign: --case with --runtime, --finding N, or --top N", "Finding");
        if (r.Top is < 1) throw new BadInputException("must be at least 1", "Top");
        var inputs = ReduceInputs.FromCampaign(r.Database!, r.Case, r.Runtime, r.Finding, r.Top ?? 1, r.ConfigPath);
        return inputs.Count > 0 ? inputs : throw new BadInputException($"{r.Database} has no anomalies to reduce", "Top");
    }

    private static async Task<ReductionSummary> ReduceOneAsync(ReduceInput input, string dir, TimeSpan budget, ReduceRequest request,
        Analysis.ConstructFingerprint? fingerprint, bool mustReproduce,
        IProgress<ReduceProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var tools = ReducerTools.ForLevel(input.Level);
        var spec = new ReductionSpec
        {
            Target = input.Target, Peers = input.Peers, ConfigPath = input.ConfigPath, Level = input.Level, Language = input.Language,
            ProgramName = Path.GetFileName(input.Program), Args = input.Args, SizeArgIndex = ReduceInputs.SizeArgIndex(input.Args), StdinPath = input.Stdin,
            IncludeDirectory = input.IncludeDirectory, WasmCompiler = tools.WasmCompiler, NativeCompiler = tools.NativeCompiler, Memcheck = tools.Memcheck,
            RequiredFactor = InterestingnessRule.MinimumFactor, Seed = request.Seed, OutDirectory = dir, Metric = request.Metric,
        };
        var work = Directory.CreateDirectory(spec.WorkDirectory).FullName;
        var fixedRuns = new InterestingnessRule(InterestingnessRule.MinimumFactor, request.Runs, request.Runs, request.Seed, request.Metric);
        var before = await CandidateCheck.RunAsync(spec, input.Program, Sub(work, "before"), fixedRuns, ct);
        var (start, laidOut) = await ProgramSize.OfAsync(input.Program, input.Level, ct);
        var folder = new ReductionFolder(dir, spec);
        if (!before.Interesting)
        {
            var why = $"{input.Name} is not out of line on {input.Target} against {string.Join(",", input.Peers)} here: {before.Reason}";
            if (mustReproduce) throw new BadInputException(why, "Runtime");
            var unreduced = Summary(input, dir, spec, ReductionEnd.NotReproduced, clock, start, start, before, null, 0, 0) with { FlameGraphNote = "no flame graph: nothing was reduced" };
            return await FinishAsync(unreduced, folder, input, before.Args);
        }
        spec = spec with
        {
            RequiredFactor = InterestingnessRule.Required(before.Decision!.Factor!.Value), Args = before.Args, RunTimeout = ReductionSpec.CandidateTimeout(before.Sides),
        };
        var specPath = spec.Save(work);
        folder = new ReductionFolder(dir, spec);
        folder.Append(new ReductionStep(0, DateTimeOffset.UtcNow, start, true, "the original: " + before.Reason, before.Decision.Factor, before.Decision.Low, before.Args));
        // Kept in the layout its lines were counted in (as every later step is), so the folder's program and best.json agree.
        folder.Keep(input.Program, before.Module!, new BestProgram(0, DateTimeOffset.UtcNow, start, before.Decision.Factor, before.Decision.Low, before.Decision.High, before.Args)
        {
            Output = before.Output,
        }, laidOut);

        var end = await RunReducerAsync(input, spec, tools.Reducer, work, specPath, folder, budget - clock.Elapsed, start, progress, ct);
        var best = folder.Best()!;
        var steps = folder.Steps();
        CheckOutcome? after = null;
        if (end != ReductionEnd.Interrupted)
            after = best.Step == 0 ? before : await CandidateCheck.RunAsync(spec with { Args = best.Args }, folder.ProgramPath, Sub(work, "after"),
                fixedRuns with { RequiredFactor = spec.RequiredFactor }, ct);
        var summary = Summary(input, dir, spec, end, clock, start, best.Size, before, after, steps.Count - 1, steps.Count(s => s.Kept) - 1);
        var construct = await ConstructAsync(spec, input, folder, before, work);
        summary = summary with { Construct = construct, FingerprintCell = fingerprint is null ? null : construct?.CellIn(fingerprint, input.Target) };
        var shortestMs = (after ?? before).Sides.Select(x => x.MedianMs ?? 0).Where(ms => ms > 0).DefaultIfEmpty().Min();
        var flame = end == ReductionEnd.Interrupted
            ? new FlameGraphOutcome(null, "no flame graph: the reduction was interrupted")
            : await ReductionFlameGraph.WriteAsync(input, dir, folder.ModulePath, best.Args, shortestMs, ct);
        summary = summary with { FlameGraph = flame.File, FlameGraphNote = flame.Note };
        return await FinishAsync(summary, folder, input, best.Args);
    }

    private static async Task<ReductionEnd> RunReducerAsync(ReduceInput input, ReductionSpec spec, string reducer, string work, string specPath,
        ReductionFolder folder, TimeSpan budget, ProgramSize start, IProgress<ReduceProgress>? progress, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + budget;
        // The checks are answered here, where the tool's code is already compiled (start-up was most of a failed build's check).
        // A socket of its own: a library caller may run two reductions in one process at once.
        await using var server = CheckServer.TryStart(ScratchDirectory.NewFile("check", ".sock"),
            (candidate, token) => ReduceCheckWorkflow.RunAsync(specPath, candidate, token), Path.Combine(work, "check-server.log"));
        var run = Reducers.RunAsync(spec, reducer, work, input.Program, specPath, budget, ct, server?.SocketPath);
        while (!run.IsCompleted)
        {
            try { await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(2), ct)); }
            catch (OperationCanceledException) { }
            var steps = folder.Steps();
            var best = folder.Best();
            var left = deadline - DateTimeOffset.UtcNow;
            progress?.Report(new ReduceProgress(input.Name, start.Describe(spec.Level), (best?.Size ?? start).Describe(spec.Level), best?.Factor,
                steps.Count - 1, steps.Count(s => s.Kept) - 1, left < TimeSpan.Zero ? TimeSpan.Zero : left));
        }
        try
        {
            var (end, log) = await run;
            File.WriteAllText(Path.Combine(work, "reducer.log"), log);
            return end switch { ReducerEnd.Finished => ReductionEnd.Finished, ReducerEnd.Budget => ReductionEnd.Budget, _ => ReductionEnd.Failed };
        }
        catch (OperationCanceledException)
        {
            return ReductionEnd.Interrupted;
        }
    }

    /// <summary>
    /// The reduced program's construct against the original's: at source level from the two programs' own code (object
    /// files, no libc; two compiles of a second or less, made even after Ctrl-C, which must still leave a whole folder),
    /// else, or when a compile fails, from the modules.
    /// </summary>
    private static async Task<DominantConstruct?> ConstructAsync(ReductionSpec spec, ReduceInput input, ReductionFolder folder, CheckOutcome before,
        string work)
    {
        if (spec.Level == ReductionLevel.C
            && await CandidateBuilder.ObjectAsync(spec, folder.ProgramPath, work, "reduced", CancellationToken.None) is { } reduced
            && await CandidateBuilder.ObjectAsync(spec, input.Program, work, "original", CancellationToken.None) is { } original)
            return DominantConstruct.Of(reduced, original);
        return DominantConstruct.Of(folder.ModulePath, before.Module);
    }

    private static ReductionSummary Summary(ReduceInput input, string dir, ReductionSpec spec, ReductionEnd end, Stopwatch clock, ProgramSize start,
        ProgramSize now, CheckOutcome before, CheckOutcome? after, int tried, int kept)
    {
        var f = input.Finding;
        var finding = f is null ? null : FormattableString.Invariant($"{f.Kind.ToWire()} finding ×{f.Factor:0.00} [{f.CiLow:0.00}, {f.CiHigh:0.00}] ({f.Verdict?.ToWire()}) in the campaign");
        return new ReductionSummary(input.Name, input.Level, input.Language, dir, input.Target, input.Peers, end, clock.Elapsed, Math.Max(0, tried), Math.Max(0, kept),
            start, now, before, after, spec.RequiredFactor, null, [], HostFingerprint.Current(), finding)
        {
            ProgramFile = spec.ProgramName,
            Metric = spec.Metric,
            ModuleFile = input.Level == ReductionLevel.C ? ReductionFolder.ModuleFile : spec.ProgramName,
            BuildCommand = input.Level == ReductionLevel.C
                ? string.Join(" && ", BuildCommands.Wasm(WasmCompiler.Clang, "O2", input.Language).Select(step => "clang " + string.Join(' ',
                    BuildCommands.Expand(step, spec.ProgramName, ReductionFolder.ModuleFile, ".").Select(CheckScript.Quote)))) // headers copied beside it
                : null,
        };
    }

    /// <summary>Writes the summary and, when there is a reduced program, ISSUE.md with each runtime's facts and reproduction command.</summary>
    private static async Task<ReductionSummary> FinishAsync(ReductionSummary summary, ReductionFolder folder, ReduceInput input, IReadOnlyList<string> args)
    {
        var facts = new List<RuntimeFacts>();
        var reduced = summary.End != ReductionEnd.NotReproduced && File.Exists(folder.ModulePath);
        if (reduced)
        {
            folder.CopyHeaders(input.IncludeDirectory);
            foreach (var rt in CandidateCheck.Resolve(input.Target, input.Peers, input.ConfigPath))
                facts.Add(await Reproduction.DescribeAsync(rt, folder.Directory, folder.ModulePath, args, input.Stdin, CancellationToken.None));
        }
        summary = summary with { Runtimes = facts, TextFile = File.Exists(folder.TextPath) ? ReductionFolder.TextFile : null };
        OutputPaths.WriteText(Path.Combine(folder.Directory, SummaryFile), "Out", JsonSerializer.Serialize(ReduceDocument.From(summary), WireJson.Document));
        if (reduced) OutputPaths.WriteText(Path.Combine(folder.Directory, IssueFile), "Out", IssueMarkdown.Render(summary));
        return summary;
    }

    private static string Sub(string work, string name) => Directory.CreateDirectory(Path.Combine(work, name)).FullName;
}
