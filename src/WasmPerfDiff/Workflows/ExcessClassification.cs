using System.Globalization;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>What <see cref="ExcessClassification.ClassifyAsync"/> reruns and how.</summary>
public sealed record ExcessOptions
{
    /// <summary>Classify at most this many timing findings (anomalies first, as ranked).</summary>
    public int Top { get; init; } = 10;

    /// <summary>The second size is the case's size argument times this (2: doubles the work of a linear kernel,
    /// ×4–8 of the quadratic and cubic ones, far above run-to-run noise, while an interpreter's rerun stays short).</summary>
    public double SizeFactor { get; init; } = 2;

    /// <summary>Runs per (runtime, size) of the reruns; the median is used.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>The runtime config file the campaign used (user runtimes).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Per-run timeout of the reruns.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A finding's excess is throughput when at least this share of it grows with the work.</summary>
    public double ThroughputShare { get; init; } = 0.5;
}

/// <summary>
/// Tells, for each execution finding, whether its excess time is a <b>fixed</b> cost (compile, lazy JIT, one-time
/// initialisation, a slow start) or <b>throughput</b> (slower code, growing with the work), by rerunning the flagged
/// runtime F and its peer P on the case at its own size s₁ and at s₂ = s₁·<see cref="ExcessOptions.SizeFactor"/>
/// (the case's first numeric argument is its size, the corpus convention), alternating F and P.
/// </summary>
/// <remarks>
/// The peer's time is the yardstick of work, so the rule does not need to know how the kernel scales with its size:
/// <code>
///   β  = (F₂ − F₁) / (P₂ − P₁)          F's marginal cost per unit of the peer's work
///   r₀ = (F₁ / P₁) / factor             F's usual ratio to P (the finding's factor is the excess over it)
///   excess at s₁ = F₁ − r₀·P₁ ;   growing part = (β − r₀)·P₁ ;   share = growing / excess
/// </code>
/// A fixed cost c gives F = c + r₀·P, so β = r₀ and share 0; slower code (F = k·r₀·P) gives β = k·r₀ and share 1.
/// share ≥ ½ → <c>throughput</c>, else <c>fixed</c>. <c>unknown</c>: no numeric size argument, reruns that failed,
/// a peer that did not get slower with the size, or no excess left in the reruns. Phases are those the campaign
/// used (markers/side channel as measured, wall times minus a paired run of the baseline module), so the rerun
/// compares what the finding compared. Then the timing findings are re-ranked: verdict, then throughput before
/// unknown before fixed, then score — slow code first, one-time costs last.
/// </remarks>
public static class ExcessClassification
{
    public static async Task<AnalysisResult> ClassifyAsync(AnalysisResult result, CampaignStore store, ExcessOptions options,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (options.SizeFactor <= 1) throw new BadInputException("the second size factor must be > 1");
        if (options.Runs < 1) throw new BadInputException("reruns per size must be ≥ 1");
        var cases = store.Cases().ToDictionary(c => c.Name, StringComparer.Ordinal);
        var runs = store.ReadCaseRuns();
        var catalog = RuntimeCatalog.Load(options.ConfigPath);

        var timing = result.Findings.Where(f => f.IsTiming).ToList();
        var rest = result.Findings.Where(f => !f.IsTiming).ToList();
        var toClassify = timing.Where(f => f.Verdict != Verdict.NoAnomaly).Take(options.Top).ToHashSet();
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
        RuntimeCatalog catalog,
        AnalysisPhase phase, ExcessOptions options, CancellationToken ct)
    {
        Finding Unknown(string why) => f with { Excess = ExcessClass.Unknown, ExcessDetail = why };
        if (f.Factor is not double factor || factor <= 0) return Unknown("no factor");
        if (!cases.TryGetValue(f.Case, out var c)) return Unknown("case not in the database");
        var sizeAt = -1;
        long size = 0;
        for (var i = 0; i < c.Args.Count && sizeAt < 0; i++)
            if (long.TryParse(c.Args[i], NumberStyles.None, CultureInfo.InvariantCulture, out size) && size > 0) sizeAt = i;
        if (sizeAt < 0) return Unknown("no numeric size argument to vary");
        var peerName = f.Peer ?? FastestOther(runs, f.Case, f.Runtime, phase);
        if (peerName is null) return Unknown("no peer to compare with");
        IRuntime flagged, peer;
        try { (flagged, peer) = (catalog.Select([f.Runtime])[0], catalog.Select([peerName])[0]); }
        catch (BadInputException e) { return Unknown(e.Message); }

        var size2 = Math.Max(size + 1, (long)Math.Round(size * options.SizeFactor));
        var args1 = c.Args.ToArray();
        var args2 = c.Args.ToArray();
        args2[sizeAt] = size2.ToString(CultureInfo.InvariantCulture);
        var times = new List<double>[4];
        for (var k = 0; k < 4; k++) times[k] = [];
        for (var round = 0; round < options.Runs; round++)
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
        if (times.Any(t => t.Count == 0)) return Unknown("reruns gave no duration");
        var (f1, p1, f2, p2) = (Median(times[0]), Median(times[1]), Median(times[2]), Median(times[3]));
        if (!(p2 > p1 * 1.05)) return Unknown($"the peer did not get slower at size {size2} ({p1:0.#} → {p2:0.#} ms)");
        var beta = (f2 - f1) / (p2 - p1);
        var r0 = f1 / p1 / factor;
        var excess = f1 - r0 * p1;
        if (!(excess > 0)) return Unknown("no excess left in the reruns");
        var share = (beta - r0) * p1 / excess;
        var cls = share >= options.ThroughputShare ? ExcessClass.Throughput : ExcessClass.Fixed;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"size {size}→{size2}: {f.Runtime} {f1:0.#}→{f2:0.#} ms, {peerName} {p1:0.#}→{p2:0.#} ms; {Math.Clamp(share, 0, 1) * 100:0} % of the {excess:0.#} ms excess grows with the work");
        return f with { Excess = cls, ExcessDetail = detail };
    }

    private static string? FastestOther(IReadOnlyList<CaseRun> runs, string caseName, string runtime, AnalysisPhase phase) =>
        runs.Where(r => r.Case == caseName && r.Result.Runtime != runtime && r.Result.Status == RunStatus.Ok)
            .GroupBy(r => r.Result.Runtime)
            .Select(g => (g.Key, Ms: Median(g.Select(r => CellTable.PhaseMs(r.Result, phase) ?? r.Result.WallMs).ToList())))
            .OrderBy(x => x.Ms).Select(x => x.Key).FirstOrDefault();

    private static double Median(List<double> xs)
    {
        var a = xs.ToArray();
        return RobustStats.Median(a);
    }
}
