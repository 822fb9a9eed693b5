using System.Globalization;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>How the excess of a finding is told apart: <c>auto</c> = by size when the case has a numeric size argument, else
/// by a warm run; <c>size</c> / <c>warm</c> force one (a case without a size argument, or a runtime that cannot run warm, is then unknown).</summary>
public enum ExcessMethod { Auto, Size, Warm }

/// <summary>What <see cref="ExcessClassification.ClassifyAsync"/> reruns and how.</summary>
public sealed record ExcessOptions
{
    /// <summary>Classify at most this many timing findings (anomalies first, as ranked).</summary>
    public int Top { get; init; } = 10;

    /// <summary>The second size is the case's size argument times this (2: doubles the work of a linear kernel,
    /// ×4–8 of the quadratic and cubic ones, far above run-to-run noise, while an interpreter's rerun stays short).</summary>
    public double SizeFactor { get; init; } = 2;

    /// <summary>Runs per (runtime, size) of the reruns, or per runtime of the warm reruns, before the first look at the
    /// share's interval; then one more of each per look until the interval decides or <see cref="MaxRuns"/>.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Reruns per (runtime, size) at most: a share whose interval still straddles the threshold then is <c>unknown</c>.</summary>
    public int MaxRuns { get; init; } = 12;

    /// <summary>Seed of the share's bootstrap.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The runtime config file the campaign used (user runtimes).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Runtimes to find by name before the catalog (a configuration the catalog does not hold, e.g. in a test or bench).</summary>
    public IReadOnlyList<IRuntime> Runtimes { get; init; } = [];

    /// <summary>Per-run timeout of the reruns.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A finding's excess is throughput when at least this share of it grows with the work.</summary>
    public double ThroughputShare { get; init; } = ExcessRules.DefaultThroughputShare;

    public ExcessMethod Method { get; init; } = ExcessMethod.Auto;
}

/// <summary>
/// Tells, for each execution finding, whether its excess time is a <b>fixed</b> cost (compile, lazy JIT, one-time
/// initialisation, a slow start) or <b>throughput</b> (slower code, growing with the work), by rerunning the flagged
/// runtime F and a peer P, alternating them, and applying <see cref="ExcessRules"/>:
/// <list type="bullet">
/// <item>the case has a numeric size argument (its first, the corpus convention): F and P at the case's size s₁ and at
/// s₂ = s₁·<see cref="ExcessOptions.SizeFactor"/>, slopes compared (<see cref="ExcessRules.BySize"/>);</item>
/// <item>it has none: F and P each run the module twice in one process, cold then warm
/// (<see cref="RuntimeRunner.RunWarmAsync"/>; embedded Wasmtime and V8), excess per unit of work compared
/// (<see cref="ExcessRules.ByWarmRun"/>). The peer is the finding's when it can run warm, else the fastest runtime of
/// the case that can. A command-line runtime starts a new process per run, so its finding stays <c>unknown</c>
/// with that reason.</item>
/// </list>
/// A class is given only with an interval: the share's 95 % bootstrap interval (<see cref="ExcessRules.WithInterval"/>)
/// must lie wholly on one side of the threshold share; the reruns go on, one round at a time, until it does or
/// <see cref="ExcessOptions.MaxRuns"/>, and the finding keeps the interval either way. Only <c>anomaly</c> findings are
/// classified: an <c>undecided</c> one may be no finding at all.
/// <c>unknown</c> also when reruns failed, the peer did not get slower with the size, or no excess was left in the reruns.
/// Phases of the size reruns are those the campaign used (markers/side channel as measured, wall times minus a paired run
/// of the baseline module), so the rerun compares what the finding compared. Then the timing findings are re-ranked:
/// verdict, then throughput before unknown before fixed, then score — slow code first, one-time costs last.
/// </summary>
public static class ExcessClassification
{
    public static async Task<AnalysisResult> ClassifyAsync(AnalysisResult result, CampaignStore store, ExcessOptions options,
        IProgress<string>? progress = null, CancellationToken ct = default) =>
        await ClassifyAsync(result, store.Cases(), store.ReadCaseRuns(), options, progress, ct);

    /// <summary>The same from cases and runs in hand (the campaign's, or a test's).</summary>
    public static async Task<AnalysisResult> ClassifyAsync(AnalysisResult result, IReadOnlyList<CaseRecord> caseList, IReadOnlyList<CaseRun> runs,
        ExcessOptions options, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (options.SizeFactor <= 1) throw new BadInputException("the second size factor must be > 1");
        if (options.Runs < 1) throw new BadInputException("reruns per size must be ≥ 1");
        if (options.MaxRuns < options.Runs) throw new BadInputException("the most reruns per size must be ≥ the first batch");
        if (options.Top < 1) throw new BadInputException("the number of findings to classify must be ≥ 1", "ClassifyTop");
        var cases = caseList.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var catalog = new RuntimeCatalog([.. options.Runtimes, .. RuntimeCatalog.Load(options.ConfigPath).All]);

        var timing = result.Findings.Where(f => f.IsTiming).ToList();
        var rest = result.Findings.Where(f => !f.IsTiming).ToList();
        // Only anomalies: an undecided finding's excess may be noise, and a class would lend it weight it has not earned.
        var toClassify = timing.Where(f => f.Verdict == Verdict.Anomaly).Take(options.Top).ToHashSet();
        var classified = new List<Finding>(timing.Count);
        foreach (var f in timing)
        {
            if (!toClassify.Contains(f)) { classified.Add(f); continue; }
            progress?.Report($"{f.Case} @ {f.Runtime}");
            classified.Add(await ClassifyOne(f, cases, runs, catalog, result.Phase, options, ct));
        }
        classified.Sort(Rank);
        return result with { Findings = [.. classified, .. rest] };
    }
    /// <summary>Verdict, then throughput → unknown/unclassified → fixed, then the model's own order.</summary>
    public static int Rank(Finding a, Finding b)
    {
        static int V(Verdict? v) => v switch { Verdict.Anomaly => 0, Verdict.Undecided => 1, _ => 2 };
        static int E(ExcessClass? e) => e switch { ExcessClass.Throughput => 0, ExcessClass.Fixed => 2, _ => 1 };
        var c = V(a.Verdict).CompareTo(V(b.Verdict));
        if (c != 0) return c;
        c = E(a.Excess).CompareTo(E(b.Excess));
        return c != 0 ? c : TimingModel.Compare(a, b);
    }

    private static async Task<Finding> ClassifyOne(Finding f, IReadOnlyDictionary<string, CaseRecord> cases, IReadOnlyList<CaseRun> runs,
        RuntimeCatalog catalog, AnalysisPhase phase, ExcessOptions options, CancellationToken ct)
    {
        Finding Unknown(string why) => f with { Excess = ExcessClass.Unknown, ExcessDetail = why };
        if (f.Factor is not double factor || factor <= 0) return Unknown("no factor");
        if (!cases.TryGetValue(f.Case, out var c)) return Unknown("case not in the database");
        var sizeAt = -1;
        long size = 0;
        for (var i = 0; i < c.Args.Count && sizeAt < 0; i++)
            if (long.TryParse(c.Args[i], NumberStyles.None, CultureInfo.InvariantCulture, out size) && size > 0) sizeAt = i;
        IRuntime flagged;
        try { flagged = catalog.Select([f.Runtime])[0]; }
        catch (BadInputException e) { return Unknown(e.Message); }
        if (phase == AnalysisPhase.Total && f.Peer is { } phasePeer && ByPhases(f, factor, runs, phasePeer, options.Seed) is { } byPhases)
            return Classed(f, byPhases);
        var bySize = options.Method == ExcessMethod.Size || (options.Method == ExcessMethod.Auto && sizeAt >= 0);
        if (bySize && sizeAt < 0) return Unknown("no numeric size argument to vary");
        if (!bySize)
        {
            var noSize = sizeAt < 0 ? "no size argument; " : "";
            if (!flagged.CanRunWarm) return Unknown($"{noSize}{f.Runtime} cannot be invoked warm");
            var warmPeer = f.Peer is { } fp && Find(catalog, fp) is { CanRunWarm: true } p0 ? p0
                : FastestOther(runs, f.Case, f.Runtime, phase, n => Find(catalog, n)?.CanRunWarm == true) is { } other ? Find(catalog, other) : null;
            if (warmPeer is null) return Unknown($"{noSize}no peer of {f.Runtime} on this case can be invoked warm");
            var (call, why, interval) = await ByWarmRun(f, factor, c, flagged, warmPeer, noSize, options, ct);
            return call is not null ? Classed(f, call) : Unknown(why!) with { ExcessShareLow = interval?.Low, ExcessShareHigh = interval?.High };
        }
        var peerName = f.Peer ?? FastestOther(runs, f.Case, f.Runtime, phase, _ => true);
        if (peerName is null || Find(catalog, peerName) is not { } peer) return Unknown("no peer to compare with");

        var size2 = Math.Max(size + 1, (long)Math.Round(size * options.SizeFactor));
        var args1 = c.Args.ToArray();
        var args2 = c.Args.ToArray();
        args2[sizeAt] = size2.ToString(CultureInfo.InvariantCulture);
        var times = new List<double>[4];
        for (var k = 0; k < 4; k++) times[k] = [];
        for (var round = 0; round < options.MaxRuns; round++)
        {
            for (var k = 0; k < 4; k++)
            {
                var rt = k % 2 == 0 ? flagged : peer;
                var request = new RunRequest(c.WasmPath, k < 2 ? args1 : args2, options.Timeout, c.StdinPath);
                var r = await rt.RunAsync(request, ct);
                if (r.Status != RunStatus.Ok) return Unknown($"rerun on {rt.Name} ended {r.Status.ToWire()}");
                if (r.PhaseMethod == PhaseMethod.Wall && phase != AnalysisPhase.Total && BaselineModule.PathFor(c.WasmPath) is { } basePath)
                {
                    // The same pairing as the campaign: the baseline run right after, subtracted.
                    var b = await rt.RunAsync(request with { WasmPath = basePath }, ct);
                    if (b.Status == RunStatus.Ok) r = CampaignScheduler.SubtractBaseline(r, b.WallMs);
                }
                if (CellTable.PhaseMs(r, phase) is double ms && ms > 0) times[k].Add(ms);
            }
            if (round + 1 < options.Runs) continue;
            if (times.Any(t => t.Count == 0)) return Unknown("reruns gave no duration");
            var sized = ExcessRules.WithInterval(times.Select(t => t.ToArray()).ToArray(), m =>
            {
                var label = string.Create(CultureInfo.InvariantCulture,
                    $"size {size}→{size2}, {times[0].Count} reruns each: {f.Runtime} {m[0]:0.#}→{m[2]:0.#} ms, {peer.Name} {m[1]:0.#}→{m[3]:0.#} ms");
                return (ExcessRules.BySize(factor, m[0], m[1], m[2], m[3], label, out var no, options.ThroughputShare), no);
            }, options.ThroughputShare, options.Seed, out var noCall, out var interval);
            if (sized is not null) return Classed(f, sized);
            if (round + 1 == options.MaxRuns)
                return Unknown(noCall!) with { ExcessShareLow = interval?.Low, ExcessShareHigh = interval?.High };
        }
        return Unknown("no reruns");
    }

    private static Finding Classed(Finding f, ExcessCall call) =>
        f with { Excess = call.Class, ExcessDetail = call.Detail, ExcessShareLow = call.ShareLow, ExcessShareHigh = call.ShareHigh };

    /// <summary>F and P each run the module cold then warm in one process, alternating (F P, P F, ...), until the share's interval
    /// decides (after <see cref="ExcessOptions.Runs"/> each at the earliest) or <see cref="ExcessOptions.MaxRuns"/>.</summary>
    private static async Task<(ExcessCall? Call, string? Why, (double Low, double High)? Interval)> ByWarmRun(Finding f, double factor, CaseRecord c,
        IRuntime flagged, IRuntime peer, string prefix, ExcessOptions options, CancellationToken ct)
    {
        var (fc, fw, pc, pw) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var request = new RunRequest(c.WasmPath, c.Args, options.Timeout, c.StdinPath);
        for (var round = 0; round < options.MaxRuns; round++)
        {
            foreach (var isF in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var rt = isF ? flagged : peer;
                var w = await rt.RunWarmAsync(request, ct);
                if (w.ColdMs is not double cold || w.WarmMs is not double warm) return (null, $"warm rerun on {rt.Name}: {w.Problem}", null);
                (isF ? fc : pc).Add(cold);
                (isF ? fw : pw).Add(warm);
            }
            if (round + 1 < options.Runs) continue;
            // Lists in the order the rule takes them: F cold, P cold, F warm, P warm.
            var call = ExcessRules.WithInterval([fc.ToArray(), pc.ToArray(), fw.ToArray(), pw.ToArray()], m =>
            {
                var label = string.Create(CultureInfo.InvariantCulture,
                    $"{prefix}cold→warm in one process, {fc.Count} reruns each: {f.Runtime} {m[0]:0.##}→{m[2]:0.##} ms, {peer.Name} {m[1]:0.##}→{m[3]:0.##} ms");
                return (ExcessRules.ByWarmRun(factor, m[0], m[1], m[2], m[3], label, out var no, options.ThroughputShare), no);
            }, options.ThroughputShare, options.Seed, out var why, out var interval);
            if (call is not null || round + 1 == options.MaxRuns) return (call, why, interval);
        }
        return (null, "no reruns", null);
    }

    /// <summary>The campaign's own medians of whole wall time and execution phase of F and its peer (no reruns).</summary>
    private static ExcessCall? ByPhases(Finding f, double factor, IReadOnlyList<CaseRun> runs, string peer, long seed)
    {
        List<RunResult> Cell(string rt) => runs.Where(r => r.Case == f.Case && r.Result.Runtime == rt && r.Result.Status == RunStatus.Ok
            && r.Result.Phases.ExecuteMs is not null && r.Result.PhaseMethod != PhaseMethod.Wall).Select(r => r.Result).ToList();
        var (fr, pr) = (Cell(f.Runtime), Cell(peer));
        if (fr.Count == 0 || pr.Count == 0) return null;
        double[][] samples = [fr.Select(r => r.WallMs).ToArray(), fr.Select(r => r.Phases.ExecuteMs!.Value).ToArray(),
            pr.Select(r => r.WallMs).ToArray(), pr.Select(r => r.Phases.ExecuteMs!.Value).ToArray()];
        return ExcessRules.WithInterval(samples, m =>
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"phases of the campaign: {f.Runtime} {m[0]:0.#} ms of which {m[1]:0.#} executing, {peer} {m[2]:0.#} ms of which {m[3]:0.#}");
            return (ExcessRules.ByPhases(factor, m[0], m[1], m[2], m[3], label, out var no), no);
        }, ExcessRules.DefaultThroughputShare, seed, out _, out _);
    }

    private static IRuntime? Find(RuntimeCatalog catalog, string name) => catalog.All.FirstOrDefault(r => r.Name == name);

    private static string? FastestOther(IReadOnlyList<CaseRun> runs, string caseName, string runtime, AnalysisPhase phase, Func<string, bool> eligible) =>
        runs.Where(r => r.Case == caseName && r.Result.Runtime != runtime && r.Result.Status == RunStatus.Ok && eligible(r.Result.Runtime))
            .GroupBy(r => r.Result.Runtime)
            .Select(g => (g.Key, Ms: Median(g.Select(r => CellTable.PhaseMs(r.Result, phase) ?? r.Result.WallMs).ToList())))
            .OrderBy(x => x.Ms).Select(x => x.Key).FirstOrDefault();

    private static double Median(List<double> xs)
    {
        var a = xs.ToArray();
        return RobustStats.Median(a);
    }
}
