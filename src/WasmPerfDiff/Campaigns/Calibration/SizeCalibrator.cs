using System.Globalization;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Campaigns.Calibration;

/// <summary>What calibration decided for one case.</summary>
public sealed record CalibrationResult(string Case, string? OldSize, string? NewSize, double? ExecuteMs, int Probes, string Note)
{
    public bool Changed => NewSize is not null && NewSize != OldSize;
}

/// <summary>
/// Picks a case's size (<c>default</c>, or another named size such as <c>demo</c>) so that a reference runtime's
/// execution phase lands near a target (docs/ARCHITECTURE.md): the size is the case's first argument (corpus
/// convention: <c>argv[1]</c>). The search starts at the size's current value, or at the <c>test</c> size for a
/// size the case does not have yet. Generated large modules keep their size: they exist to load, not to run long.
/// </summary>
/// <param name="cpuTime">Measure the reference's user CPU time instead of its execution phase: other load on the
/// machine stretches wall time many times over (a load average of 60 made 1 ms probes look like 16 ms) but hardly CPU time.
/// For a reference whose start costs little CPU (a command-line runtime, not a worker of ours).</param>
public sealed class SizeCalibrator(CorpusSet corpus, IRuntime reference, double targetMs, string size = CorpusCase.DefaultSize, bool cpuTime = false)
{
    /// <summary>Runs per probed size, of which the fastest counts: other load on the machine only ever adds time, and a
    /// short probe that one disturbed run made look long would calibrate the size far too small (seen at 16 ms targets
    /// under a load average of 20: flops-4 landed at 1/16 of its test size).</summary>
    public const int ProbeRuns = 3;

    /// <summary>Probes may run long while bracketing; still bounded so nothing hangs.</summary>
    private TimeSpan ProbeTimeout => TimeSpan.FromMilliseconds(Math.Max(30_000, targetMs * 20));

    /// <summary>Where the search for <paramref name="size"/> starts: its current value, else the case's test size.</summary>
    public static CaseSize StartingSize(CorpusCase c, string size) =>
        c.Sizes.TryGetValue(size, out var s) ? s : c.Size(CorpusCase.TestSize);

    public async Task<CalibrationResult> CalibrateAsync(CorpusCase c, CancellationToken ct = default)
    {
        var current = StartingSize(c, size).Args;
        var old = current.Count > 0 ? current[0] : null;
        // The demo size must make even these run long enough to be ranked; their default size stays as generated.
        if (c.Large && size == CorpusCase.DefaultSize) return new CalibrationResult(c.Name, old, null, null, 0, "large module: size kept");
        if (old is null || !int.TryParse(old, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            return new CalibrationResult(c.Name, old, null, null, 0, "first argument is not a numeric size: kept");

        var wasm = WasmMaterializer.WasmPath(corpus, c);
        var stdin = corpus.StdinPath(c);
        string? failure = null;
        async Task<double?> Measure(int n)
        {
            var best = double.PositiveInfinity;
            for (var i = 0; i < (cpuTime ? 1 : ProbeRuns); i++)
            {
                var r = await reference.RunAsync(new RunRequest(wasm, [n.ToString(CultureInfo.InvariantCulture), .. current.Skip(1)], ProbeTimeout, stdin), ct);
                if (r.Status != RunStatus.Ok) { failure = $"size {n}: {r.Status.ToWire()}"; return null; }
                best = Math.Min(best, cpuTime ? r.UserMs : r.Phases.ExecuteMs ?? r.WallMs);
                if (best > targetMs * 4) break; // far too long: one run says so, and more would only cost time
            }
            return best;
        }

        var found = await SizeSearch.FindAsync(start, targetMs, Measure);
        if (found is not var (chosen, ms, probes))
            return new CalibrationResult(c.Name, old, null, null, 0, $"reference run failed ({failure}): kept");
        var within = ms >= targetMs / SizeSearch.Tolerance && ms <= targetMs * SizeSearch.Tolerance;
        var note = within ? "within 2× of the target" : "closest size (sizes are too coarse here)";
        if (failure is not null) note += $"; {failure}";
        return new CalibrationResult(c.Name, old, chosen.ToString(CultureInfo.InvariantCulture), ms, probes, note);
    }
}
