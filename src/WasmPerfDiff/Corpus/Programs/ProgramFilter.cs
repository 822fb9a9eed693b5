using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Programs;

/// <summary>Why a generated program was not kept (wire names: <c>csmith-failed</c>, <c>wasm-build-failed</c>, …).</summary>
public enum Rejection
{
    CsmithFailed,
    WasmBuildFailed,
    NativeBuildFailed,
    /// <summary>The native run did not end within the limit (Csmith's part, or the hot spot at a probe size).</summary>
    NativeTimeout,
    /// <summary>The native run ended with a non-zero status or a signal.</summary>
    NativeFailed,
    /// <summary>No size puts the native run in the time range (Csmith's part alone too slow, or the runs too noisy).</summary>
    OutOfTimeRange,
    /// <summary>UBSan reported undefined behaviour, or the sanitized build printed another output.</summary>
    UndefinedBehaviour,
    /// <summary>The reference runtime did not run the module ok.</summary>
    ReferenceFailed,
    /// <summary>The reference runtime printed another output than the native build.</summary>
    ReferenceOutputDiffers,
}

/// <summary>What the native filters decided about one program: kept with its size and expected output, or rejected with a reason.</summary>
public sealed record FilterOutcome(Rejection? Rejected, string? Detail, long Size, double NativeMs, string? ExpectedStdout)
{
    public bool Kept => Rejected is null;
    public static FilterOutcome Reject(Rejection why, string detail) => new(why, detail, 0, 0, null);
}

/// <summary>
/// The native filters of <c>gen programs</c> on a program's C file: builds for wasm32-wasi and natively; terminates
/// natively, at a size chosen so that the run's CPU time (<see cref="NativeRun"/>) is inside [<see cref="TimeRange.MinMs"/>, <see cref="TimeRange.MaxMs"/>];
/// prints the same output under UBSan with no report. The size: the hot spot's time grows linearly with it, so it is
/// measured above the Csmith part's own time at growing probe sizes and the size aimed at the range's geometric middle,
/// rounded to a 1-2-5 step (so that a rerun on another load usually picks the same size).
/// </summary>
public sealed class ProgramFilter(ProgramBuild build, TimeRange range)
{
    /// <summary>The hot spot's time must rise at least this much above the Csmith part at a probe size for a per-iteration estimate.</summary>
    private const double ProbeMs = 5;
    private const long FirstProbe = 1000, LastProbe = 10_000_000_000;
    private const int Refinements = 3;

    /// <summary>A native run longer (wall time) than this many times the range's top counts as not terminating: 30, as
    /// on the shared 2-core machine at a load of 55 a run got about 1/27 of a core.</summary>
    private const double TimeoutFactor = 30;

    /// <summary>UBSan slows a program down; its run gets this many times the plain limit.</summary>
    private const double SanitizerSlowdown = 5;

    /// <summary>Runs every native filter on <paramref name="source"/>; builds into <paramref name="workDir"/> (the .wasm as <paramref name="wasmPath"/>).</summary>
    public async Task<FilterOutcome> CheckAsync(string source, string wasmPath, string workDir, CancellationToken ct)
    {
        var native = Path.Combine(workDir, Path.GetFileNameWithoutExtension(source) + ".native");
        var sanitized = native + "-ubsan";
        var w = await build.WasmAsync(source, wasmPath, ct);
        if (!w.Ok) return FilterOutcome.Reject(Rejection.WasmBuildFailed, FirstLine(w.Tail(300)));
        var n = await build.NativeAsync(source, native, ct);
        if (!n.Ok) return FilterOutcome.Reject(Rejection.NativeBuildFailed, FirstLine(n.Tail(300)));

        var limit = TimeSpan.FromMilliseconds(range.MaxMs * TimeoutFactor);
        var (sized, size) = await CalibrateAsync(native, limit, ct);
        if (sized is not null) return sized;
        var runs = new List<NativeRun>();
        for (var i = 0; i < 3; i++)
        {
            var r = await NativeRun.RunAsync(native, size, limit, ct);
            if (Failure(r, size) is { } failed) return failed;
            runs.Add(r);
        }
        if (!runs[0].StdoutComplete) return FilterOutcome.Reject(Rejection.NativeFailed, "more than 64 KiB of output on stdout");
        var ms = runs.Select(r => r.CpuMs).Order().ElementAt(1);
        if (ms < range.MinMs || ms > range.MaxMs)
            return FilterOutcome.Reject(Rejection.OutOfTimeRange, $"{ms:0} ms at size {size}, outside {range}");
        if (runs.Select(r => r.Stdout).Distinct().Count() != 1)
            return FilterOutcome.Reject(Rejection.UndefinedBehaviour, "three native runs printed different outputs");

        var s = await build.SanitizedAsync(source, sanitized, ct);
        if (!s.Ok) return FilterOutcome.Reject(Rejection.NativeBuildFailed, "UBSan build: " + FirstLine(s.Tail(300)));
        var u = await NativeRun.RunAsync(sanitized, size, limit * SanitizerSlowdown, ct);
        if (u.SanitizerReport is { } report) return FilterOutcome.Reject(Rejection.UndefinedBehaviour, report);
        if (u.TimedOut) return FilterOutcome.Reject(Rejection.NativeTimeout, $"the UBSan build did not end within {(limit * SanitizerSlowdown).TotalSeconds:0} s");
        if (!u.Ok || u.Stdout != runs[0].Stdout)
            return FilterOutcome.Reject(Rejection.UndefinedBehaviour, !u.Ok ? $"the UBSan build: {u.Describe()}" : "the UBSan build printed another output");
        return new FilterOutcome(null, null, size, ms, runs[0].Stdout);
    }

    /// <summary>The size to run at, or a rejection (the Csmith part does not end, fails or is too slow alone). A first
    /// estimate from the probe size where the hot spot rose above <see cref="ProbeMs"/>, then up to
    /// <see cref="Refinements"/> runs at the estimate, each re-estimating from its own (longer, so more exact) time.</summary>
    private async Task<(FilterOutcome? Rejected, long Size)> CalibrateAsync(string native, TimeSpan limit, CancellationToken ct)
    {
        var zero = await NativeRun.RunAsync(native, 0, limit, ct);
        if (Failure(zero, 0) is { } failed) return (failed, 0);
        var baseMs = zero.CpuMs;
        if (baseMs > range.MaxMs) return (FilterOutcome.Reject(Rejection.OutOfTimeRange, $"Csmith's part alone takes {baseMs:0} ms"), 0);
        var target = Math.Sqrt(range.MinMs * range.MaxMs);
        long Estimate(long n, double ms) => Step(Math.Max(1, n * (target - baseMs) / Math.Max(ms - baseMs, 0.01)));
        for (var probe = FirstProbe; probe <= LastProbe; probe *= 10)
        {
            var r = await NativeRun.RunAsync(native, probe, limit, ct);
            if (Failure(r, probe) is { } f) return (f, 0);
            if (r.CpuMs - baseMs < ProbeMs && r.CpuMs < range.MinMs) continue;
            var size = Estimate(probe, r.CpuMs);
            for (var i = 0; i < Refinements; i++)
            {
                var at = await NativeRun.RunAsync(native, size, limit, ct);
                if (Failure(at, size) is { } g) return (g, 0);
                var ms = at.CpuMs;
                if (ms >= range.MinMs && ms <= range.MaxMs) break;
                size = Estimate(size, ms);
            }
            return (null, size);
        }
        return (FilterOutcome.Reject(Rejection.OutOfTimeRange, $"even {LastProbe} iterations stay under {ProbeMs} ms"), 0);
    }

    private static FilterOutcome? Failure(NativeRun r, long size) =>
        r.TimedOut ? FilterOutcome.Reject(Rejection.NativeTimeout, $"no end within {r.WallMs / 1000:0.#} s at size {size}")
        : !r.Ok ? FilterOutcome.Reject(Rejection.NativeFailed, $"{r.Describe()} at size {size}")
        : null;

    /// <summary>The nearest (in ratio) of 1, 2, 5 × a power of ten: at most 1.6× off, so a size aimed at the range's
    /// geometric middle stays inside a range whose ends are 10× apart.</summary>
    public static long Step(double size)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(size)));
        var m = size / decade;
        return (long)Math.Round(decade * (m >= Math.Sqrt(50) ? 10 : m >= Math.Sqrt(10) ? 5 : m >= Math.Sqrt(2) ? 2 : 1));
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
}

/// <summary>The native time range a generated program must run in at its size (ms).</summary>
public sealed record TimeRange(double MinMs, double MaxMs)
{
    public static readonly TimeRange Default = new(20, 200);

    public void Validate()
    {
        if (!(MinMs > 0) || !(MaxMs > MinMs) || double.IsInfinity(MaxMs))
            throw new BadInputException($"the native time range must be 0 < min < max ms (got {MinMs}–{MaxMs})", "MinMs");
    }

    public override string ToString() => $"{MinMs:0.#}–{MaxMs:0.#} ms";
}
