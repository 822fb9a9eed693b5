using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Install;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// What <c>bisect</c> asks for: one case, an ordered list of versions (<c>node@N</c>, which is V8 TurboFan of that Node,
/// or any configured runtime name), the first the good baseline and the last the slow end; each step's compare runs
/// with <see cref="Settings"/> and <see cref="Threshold"/> into a database of its own in <see cref="Directory"/>.
/// </summary>
public sealed record BisectRequest
{
    public required string Case { get; init; }
    public required IReadOnlyList<string> Versions { get; init; }
    public required string Directory { get; init; }
    public double Threshold { get; init; } = CompareSettings.DefaultThreshold;
    public CompareMetric Metric { get; init; } = CompareMetric.Phases;
    public CampaignSettings Settings { get; init; } = CompareWorkflow.DefaultSettings;
    public long? Seed { get; init; }
    public string? CorpusDirectory { get; init; }
    public string? ConfigPath { get; init; }
    /// <summary>Install a missing <c>node@N</c> through <see cref="RuntimeInstaller"/> (else it is bad input).</summary>
    public bool Install { get; init; } = true;
}

/// <summary>
/// <c>bisect</c>: a binary search over ordered versions for the first one slower than the baseline. The slow end is
/// compared first (no slowdown there ends the search); then the midpoint of the bracket [last good, first slow] is
/// compared with the baseline — slower moves the slow end down, same or faster moves the good end up; when that is
/// unsure, the slow end is compared with the midpoint (slower: the midpoint is good; same or faster: it is slow), and
/// only when both are unsure does the search stop with <see cref="BisectEnd.Unsure"/> and the bracket reached. Each step is a whole <see cref="CompareWorkflow"/>.
/// </summary>
public static class BisectWorkflow
{
    /// <summary>The runtime a version spec names: <c>node@N</c> → <c>v8-turbofan@N</c>; anything else is a runtime name.</summary>
    public static string RuntimeFor(string spec) =>
        spec.StartsWith("node@", StringComparison.Ordinal) ? "v8-turbofan@" + spec["node@".Length..].Split('.')[0] : spec;

    public static async Task<BisectResult> RunAsync(BisectRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        if (request.Versions.Count < 2) throw new BadInputException("needs at least two versions: the good baseline first, the slow end last", "Versions");
        if (request.Case.IndexOfAny(['*', '?', ',']) >= 0) throw new BadInputException($"names one case, not a pattern ('{request.Case}')", "Case");
        var check = request.Settings with { CasesGlob = request.Case, Compare = new CompareSettings("a", "b", request.Threshold) };
        check.Validate();
        var cases = CampaignCases.For(check.Completed(1, request.CorpusDirectory, request.ConfigPath));
        if (cases.Count != 1) throw new BadInputException($"no case is named '{request.Case}'", "Case");
        var dir = Host.OutputPaths.PrepareDirectory(request.Directory, "Dir");
        if (System.IO.Directory.EnumerateFiles(dir, "*.db").Any()) throw new BadInputException($"'{request.Directory}' already holds databases; name an empty folder", "Dir");

        var labels = Labels(request.Versions);
        var runtimes = new List<string>();
        foreach (var spec in request.Versions) runtimes.Add(await Ensure(spec, request, progress, ct));

        var steps = new List<BisectStep>();
        async Task<BisectStep> Step(int baseIndex, int index)
        {
            var (a, b) = (runtimes[baseIndex], runtimes[index]);
            progress?.Report($"step {steps.Count + 1}: {labels[index]} against {labels[baseIndex]}");
            var db = Path.Combine(dir, $"step{steps.Count + 1}-{b}.db");
            var r = await CompareWorkflow.RunAsync(new CompareRequest
            {
                Database = db, Baseline = a, Candidate = b, Threshold = request.Threshold, Metric = request.Metric,
                Settings = request.Settings with { CasesGlob = request.Case }, Seed = request.Seed,
                CorpusDirectory = request.CorpusDirectory, ConfigPath = request.ConfigPath,
            }, null, ct);
            var step = new BisectStep(labels[baseIndex], labels[index], r.Summary.Cases.Single(), db);
            steps.Add(step);
            progress?.Report($"step {steps.Count}: {labels[index]} is {step.Verdict.ToWire()}{Describe(step.Comparison.Execution)}");
            return step;
        }

        int good = 0, slow = runtimes.Count - 1;
        var end = await Step(0, slow);
        if (end.Verdict != CompareVerdict.Slower)
        {
            var verdict = end.Verdict == CompareVerdict.Unsure ? BisectEnd.Unsure : BisectEnd.NoSlowdown;
            return new BisectResult(request.Case, labels, runtimes, steps, verdict, null, null, end.Comparison.Execution,
                verdict == BisectEnd.Unsure
                    ? $"unsure: {labels[^1]} against {labels[0]} does not decide{Describe(end.Comparison.Execution)}"
                    : $"no slowdown: {labels[^1]} is {end.Verdict.ToWire()} against {labels[0]}{Describe(end.Comparison.Execution)}");
        }
        var slowStep = end;
        while (slow - good > 1)
        {
            var mid = (good + slow) / 2;
            var s = await Step(0, mid);
            // Unsure against the baseline (noise above the threshold): ask the other side — the slow end against the midpoint.
            // Slower there puts the midpoint before the slowdown; same puts it after.
            var fromSlowEnd = s.Verdict == CompareVerdict.Unsure ? (await Step(mid, slow)).Verdict : (CompareVerdict?)null;
            switch (s.Verdict, fromSlowEnd)
            {
                case (CompareVerdict.Slower, _) or (_, CompareVerdict.Same or CompareVerdict.Faster): (slow, slowStep) = (mid, s); break;
                case (CompareVerdict.Same or CompareVerdict.Faster, _) or (_, CompareVerdict.Slower): good = mid; break;
                default:
                    return new BisectResult(request.Case, labels, runtimes, steps, BisectEnd.Unsure, labels[good], labels[slow], s.Comparison.Execution,
                        $"unsure: {labels[mid]} against {labels[0]} does not decide{Describe(s.Comparison.Execution)}; " +
                        $"the slowdown is after {labels[good]} and at or before {labels[slow]}");
            }
        }
        return new BisectResult(request.Case, labels, runtimes, steps, BisectEnd.Found, labels[good], labels[slow], slowStep.Comparison.Execution,
            $"first slow version {labels[slow]}{Describe(slowStep.Comparison.Execution)} against {labels[0]}, after last good version {labels[good]}");
    }

    /// <summary>The versions as shown: a name listed more than once gets its position (<c>wasm3 (#2)</c>).</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<string> versions) =>
        versions.Select((v, i) => versions.Count(x => x == v) > 1 ? $"{v} (#{i + 1})" : v).ToList();

    private static string Describe(RatioEstimate? r) =>
        r is null ? "" : FormattableString.Invariant($" (×{r.Ratio:0.000} [{r.Low:0.000}, {r.High:0.000}])");

    /// <summary>The runtime of a version spec, installing a missing <c>node@N</c> when allowed.</summary>
    private static async Task<string> Ensure(string spec, BisectRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var name = RuntimeFor(spec);
        var found = RuntimeCatalog.Load(request.ConfigPath).All.FirstOrDefault(r => r.Name == name);
        if (found?.Detect().Available == true) return name;
        if (!spec.StartsWith("node@", StringComparison.Ordinal))
            throw new BadInputException(found is null
                ? $"unknown runtime '{spec}' (name a configured runtime or node@N)"
                : $"runtime '{spec}' is not available here: {found.Detect().Reason}", "Versions");
        if (!request.Install) throw new BadInputException($"{spec} is not installed (wasm-perfdiff runtimes install {spec})", "Versions");
        progress?.Report($"installing {spec}");
        var installed = await RuntimeInstaller.InstallAsync(spec, InstallSources.FromEnvironment(), new Progress<InstallProgress>(p => progress?.Report(p.Message)), ct);
        if (!installed.Working.Contains(name))
            throw new BadInputException($"{spec} installed, but {name} does not work here: {string.Join("; ", installed.Dropped.Select(d => $"{d.Name}: {d.Reason}"))}", "Versions");
        return name;
    }
}
