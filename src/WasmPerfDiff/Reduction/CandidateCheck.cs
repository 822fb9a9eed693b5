using System.Globalization;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Reduction;

/// <summary>One runtime's side of a check: ok runs and the median execution time (ms).</summary>
public sealed record SideTimes(string Runtime, int Runs, double? MedianMs, PhaseMethod? Method);

/// <summary>What every runtime printed for a module (they agree, or the candidate is out): the SHA-256 of its stdout, and its exit code.</summary>
public sealed record ModuleOutput(string StdoutSha256, int? ExitCode);

/// <summary>What a check concluded, with the arguments the candidate was measured with (the size argument may have been raised).</summary>
public sealed record CheckOutcome(bool Interesting, string Reason, InterestDecision? Decision, IReadOnlyList<string> Args, IReadOnlyList<SideTimes> Sides,
    string? Module = null, ModuleOutput? Output = null)
{
    public static CheckOutcome Out(string reason, IReadOnlyList<string> args) => new(false, reason, null, args, []);
}

/// <summary>
/// "Is this candidate still interesting?", in the order that rejects cheaply first: it builds (source level), the target
/// and every peer run it to the same exit code and output, its run is long enough to measure (else the size argument
/// is raised), the native UBSan build reports nothing and prints the same output at those arguments (source level), the slowdown holds
/// (<see cref="InterestingnessRule"/>, sequential rounds in a seeded shuffled order, as a campaign's rounds), and, last,
/// valgrind's memcheck finds no read of unwritten memory in the native build (source level).
/// </summary>
public static class CandidateCheck
{
    /// <summary>At most this many raises of the size argument, each by at most <see cref="MaxRaiseStep"/>.</summary>
    private const int MaxRaises = 4;
    private const int MaxRaiseStep = 64;

    public static async Task<CheckOutcome> RunAsync(ReductionSpec spec, string program, string workDir, InterestingnessRule? rule, CancellationToken ct,
        KeptModule? kept = null)
    {
        var wasm = program;
        string? native = null;
        if (spec.Level == ReductionLevel.C)
        {
            var build = await CandidateBuilder.BuildAsync(spec, program, workDir, ct);
            if (build.Problem is { } p) return CheckOutcome.Out(p, spec.Args);
            (wasm, native) = (build.WasmPath!, build.NativePath);
        }
        var runtimes = Resolve(spec);
        if (kept is not null && kept.Matches(wasm)) return await MemcheckedAsync(await ReuseAsync(kept, wasm, native, runtimes, spec, ct), program, native, spec, workDir, ct);
        var args = spec.Args.ToList();
        CandidateMeasurement? measure = null;
        var (previousMs, floorMs, flatRaises) = (0.0, 0.0, 0);
        ModuleOutput? output = null;
        for (var raise = 0; ; raise++)
        {
            var next = Measurement(spec, wasm, args);
            // The native build runs once the arguments are settled, below: at a raised size it can run for seconds what
            // the wasm build (clang -O2, a dead loop removed) does in milliseconds, and a candidate too brief is out anyway.
            var (problem, fastestMs, floor, printed) = await CheckOutputsAsync(next, runtimes, null, spec, ct);
            if (problem is not null) return CheckOutcome.Out(problem, next.Args);
            output = printed;
            var flat = measure is not null && fastestMs < 1.5 * previousMs;
            (measure, previousMs, floorMs) = (next, fastestMs, floor);
            if (fastestMs >= floor || spec.SizeArgIndex is not int i || raise == MaxRaises) break;
            // Two raises that did not lengthen the run: the candidate no longer reads its size. One is not enough: each
            // time is one short run, and a slow one makes an honest raise look flat (a CI run's original was rejected
            // as "too brief to measure" that way, at 7.3 ms).
            if (flat && ++flatRaises == 2) break;
            // Too short to measure: a larger size keeps the signal the reduction would otherwise lose to the clock.
            var size = long.Parse(args[i], CultureInfo.InvariantCulture);
            var step = (long)Math.Clamp(Math.Ceiling(2 * floor / Math.Max(fastestMs, floor / MaxRaiseStep)), 2, MaxRaiseStep);
            args[i] = (size * step).ToString(CultureInfo.InvariantCulture);
        }
        // Below the floor a ratio is of clock noise: such a candidate (typically one that no longer does the work) is not measured.
        if (previousMs < floorMs)
            return CheckOutcome.Out(FormattableString.Invariant($"runs too briefly to measure: {previousMs:0.00} ms, under the {floorMs:0.0} ms floor"), measure.Args);
        if (native is not null && await NativeProblemAsync(native, measure.Args, output!, spec, ct) is { } nativeProblem)
            return CheckOutcome.Out(nativeProblem, measure.Args);
        rule ??= new InterestingnessRule(spec.RequiredFactor, MaxRuns: spec.MaxRuns, Seed: spec.Seed, Metric: spec.Metric);
        return await MemcheckedAsync(await MeasureAsync(measure, runtimes, rule, spec.Seed, ct) with { Output = output }, program, native, spec, workDir, ct);
    }

    /// <summary>
    /// The last check, the dearest, only for a candidate that would be kept (source level): a plain native build under
    /// valgrind's memcheck (<see cref="CandidateBuilder.MemcheckAsync"/>), given ten times a run's timeout, at most five
    /// minutes; not run again for a binary it found clean before (<see cref="MemcheckVerdicts"/>).
    /// </summary>
    private static async Task<CheckOutcome> MemcheckedAsync(CheckOutcome outcome, string source, string? native, ReductionSpec spec, string workDir,
        CancellationToken ct)
    {
        if (!outcome.Interesting || native is null || spec.Memcheck is null) return outcome;
        if (await CandidateBuilder.PlainAsync(spec, source, workDir, ct) is not { } plain) return CheckOutcome.Out("the plain native build for memcheck does not build", outcome.Args);
        var verdicts = new MemcheckVerdicts(Path.Combine(spec.WorkDirectory, MemcheckVerdicts.FileName));
        var key = MemcheckVerdicts.Key(plain, outcome.Args, spec.StdinPath);
        if (verdicts.IsClean(key)) return outcome;
        var timeout = TimeSpan.FromTicks(Math.Min(10 * spec.RunTimeout.Ticks, TimeSpan.FromMinutes(5).Ticks));
        if (await CandidateBuilder.MemcheckAsync(spec.Memcheck, plain, outcome.Args, spec.StdinPath, timeout, ct) is { } problem)
            return CheckOutcome.Out(problem, outcome.Args);
        verdicts.AddClean(key);
        return outcome;
    }

    /// <summary>
    /// A candidate whose module is byte for byte the kept one (a reducer's edit that the compiler optimises away: a dead
    /// store, an empty loop, an unused declaration) behaves on every runtime as the kept module did, so its measured
    /// decision stands, and so does what the runtimes printed. Its source is new, though: it must still build natively
    /// without the warnings and run under UBSan to the kept module's output. (A kept step from before the output was
    /// recorded gets one unmeasured run per runtime instead.)
    /// </summary>
    private static async Task<CheckOutcome> ReuseAsync(KeptModule kept, string wasm, string? native, IReadOnlyList<IRuntime> runtimes, ReductionSpec spec,
        CancellationToken ct)
    {
        var (problem, output) = kept.Output is { } known
            ? (native is null ? null : await NativeProblemAsync(native, kept.Args, known, spec, ct), known)
            : await RunOutputsAsync(Measurement(spec, wasm, kept.Args), runtimes, native, spec, ct);
        if (problem is not null) return CheckOutcome.Out(problem, kept.Args);
        var reason = FormattableString.Invariant($"the same module as kept step {kept.Step}, not measured again (×{kept.Factor:0.00} [{kept.Low:0.00}, {kept.High:0.00}])");
        return new CheckOutcome(true, reason, new InterestDecision(Interest.In, null, kept.Factor, kept.Low, kept.High, reason), kept.Args, [], wasm, output);
    }

    private static async Task<(string? Problem, ModuleOutput? Output)> RunOutputsAsync(CandidateMeasurement measure, IReadOnlyList<IRuntime> runtimes,
        string? native, ReductionSpec spec, CancellationToken ct)
    {
        var (problem, _, _, output) = await CheckOutputsAsync(measure, runtimes, native, spec, ct);
        return (problem, output);
    }

    /// <summary>How the spec measures <paramref name="wasm"/> with these arguments (a copy of them: the size argument may be raised later).</summary>
    private static CandidateMeasurement Measurement(ReductionSpec spec, string wasm, IEnumerable<string> args) =>
        new(wasm, args.ToList(), spec.StdinPath, spec.RunTimeout, spec.Metric == Campaigns.CompareMetric.Cpu);

    /// <summary>The target first, then the peers, each available here (else bad input).</summary>
    public static IReadOnlyList<IRuntime> Resolve(ReductionSpec spec) => Resolve(spec.Target, spec.Peers, spec.ConfigPath);

    public static IReadOnlyList<IRuntime> Resolve(string target, IReadOnlyList<string> peers, string? configPath)
    {
        var selected = RuntimeCatalog.Load(configPath).Select([target, .. peers]);
        foreach (var rt in selected)
            if (rt.Detect() is { Available: false } a)
                throw new BadInputException($"runtime '{rt.Name}' is not available here: {a.Reason ?? "unknown reason"}", "Runtime");
        return selected;
    }

    /// <summary>
    /// One unmeasured run per runtime (the campaign's warm-up): same status, exit code and output everywhere, and as the
    /// native UBSan build. Also the fastest side's time by the rule's metric and the shortest time that metric measures
    /// well (<see cref="DurationFloor"/>'s clock part; CPU time is read from the kernel's accounting, held to the
    /// baseline-subtraction floor).
    /// </summary>
    private static async Task<(string? Problem, double FastestMs, double FloorMs, ModuleOutput? Output)> CheckOutputsAsync(CandidateMeasurement measure,
        IReadOnlyList<IRuntime> runtimes, string? native, ReductionSpec spec, CancellationToken ct)
    {
        RunResult? reference = null;
        var fastest = double.MaxValue;
        var method = spec.Metric == Campaigns.CompareMetric.Cpu ? PhaseMethod.Baseline : PhaseMethod.Markers;
        foreach (var rt in runtimes)
        {
            var run = await measure.RunAsync(rt, ct);
            if (run.Status != RunStatus.Ok) return ($"{rt.Name}: {run.Status.ToWire()}{(run.Message is { } m ? " (" + m + ")" : "")}", 0, 0, null);
            if (reference is not null && (run.StdoutSha256 != reference.StdoutSha256 || run.ExitCode != reference.ExitCode))
                return ($"output differs between {reference.Runtime} and {rt.Name}", 0, 0, null);
            reference ??= run;
            var ms = spec.Metric == Campaigns.CompareMetric.Cpu ? run.UserMs + run.SysMs : CandidateMeasurement.ExecutionMs(run) ?? 0;
            if (ms < fastest)
            {
                fastest = ms;
                if (spec.Metric == Campaigns.CompareMetric.Phases) method = run.PhaseMethod;
            }
        }
        var output = new ModuleOutput(reference!.StdoutSha256, reference.ExitCode);
        if (native is not null && await NativeProblemAsync(native, measure.Args, output, spec, ct) is { } problem) return (problem, 0, 0, null);
        return (null, fastest, DurationFloor.ResolutionMs(method) / DurationFloor.ClockTolerance(InterestingnessRule.MinimumFactor), output);
    }

    /// <summary>Runs the native UBSan build: why it does not count, or null when it ran clean to the module's output.</summary>
    private static async Task<string?> NativeProblemAsync(string native, IReadOnlyList<string> args, ModuleOutput module, ReductionSpec spec, CancellationToken ct)
    {
        var (sha, exit, problem) = await CandidateBuilder.RunNativeAsync(native, args, spec.StdinPath, spec.RunTimeout, ct);
        if (problem is not null) return problem;
        return sha != module.StdoutSha256 || exit != module.ExitCode ? "the native build's output differs from the module's" : null;
    }

    private static async Task<CheckOutcome> MeasureAsync(CandidateMeasurement measure, IReadOnlyList<IRuntime> runtimes, InterestingnessRule rule, long seed,
        CancellationToken ct)
    {
        var runs = runtimes.ToDictionary(r => r.Name, _ => new List<RunResult>(), StringComparer.Ordinal);
        var random = new Random(unchecked((int)seed));
        InterestDecision decision;
        do
        {
            foreach (var rt in runtimes.OrderBy(_ => random.Next()))
            {
                var run = await measure.RunAsync(rt, ct);
                if (run.Status != RunStatus.Ok) return CheckOutcome.Out($"{rt.Name}: {run.Status.ToWire()} on a measured run", measure.Args);
                runs[rt.Name].Add(run);
            }
            var peers = runtimes.Skip(1).ToDictionary(r => r.Name, r => (IReadOnlyList<RunResult>)runs[r.Name], StringComparer.Ordinal);
            decision = rule.Decide(runs[runtimes[0].Name], peers);
        } while (decision.Verdict == Interest.MoreRuns);
        var sides = runtimes.Select(r => Side(r.Name, runs[r.Name], rule.Metric)).ToList();
        return new CheckOutcome(decision.Verdict == Interest.In, decision.Reason, decision, measure.Args, sides, measure.Wasm);
    }

    private static SideTimes Side(string runtime, List<RunResult> runs, Campaigns.CompareMetric metric)
    {
        var times = runs.Select(r => metric == Campaigns.CompareMetric.Cpu ? r.UserMs + r.SysMs : CandidateMeasurement.ExecutionMs(r)).OfType<double>().ToArray();
        return new SideTimes(runtime, times.Length, times.Length == 0 ? null : RobustStats.Median(times), runs.FirstOrDefault()?.PhaseMethod);
    }
}
