using System.Globalization;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Analysis;

/// <summary>Where a finding's excess sits when it is not the engine's (wire name <c>ours</c>).</summary>
public enum HostLayer
{
    /// <summary>In the host calls of a runner we wrote (the WASI shim of the gjs runner): a harness cost, not the engine's.
    /// Node's and Bun's WASI, and Wasmtime's, are the runtimes' own: their findings stay theirs.</summary>
    Ours,
}

/// <summary>
/// Marks execution findings whose excess sits in the host calls of a runner of ours (issue 22: SpiderMonkey's top
/// findings were the gjs runner's <c>fd_write</c>, not the engine), so nobody reports them to an engine team.
/// <para>The rule, from what every run stores: a run's host-call time is estimated from the bytes the guest wrote
/// (stdout + stderr) as <c>bytes / <see cref="BytesPerWrite"/> × <see cref="WriteCostMs"/></c>, and the finding's excess
/// as <c>execution × (1 − 1/factor)</c> (cell medians). When the runtime's WASI layer is ours
/// (<see cref="IsOurs"/>) and the host calls could account for at least half of the excess, the finding is marked
/// <see cref="HostLayer.Ours"/> with the numbers. Both constants were measured on the gjs runner with fasta
/// (1,016,777 bytes in 16,681 <c>write(2)</c>s, 61 bytes each; removing 16,669 of those calls saved ≈ 150 ms, ≈ 9 µs
/// each on a loaded 2-core machine), so the rule leans towards "ours" for chatty output, which is what it is for.</para>
/// </summary>
public static class HostLayerRule
{
    /// <summary>Bytes a guest writes per WASI <c>fd_write</c> call (wasi-libc's stdio, line-oriented output; measured).</summary>
    public const double BytesPerWrite = 61;

    /// <summary>Cost of one <c>fd_write</c> through the gjs runner (GObject introspection + <c>write(2)</c>; measured), ms.</summary>
    public const double WriteCostMs = 0.009;

    /// <summary>A runtime whose WASI host layer we wrote: the gjs runner (SpiderMonkey), recognised by its recorded command.</summary>
    public static bool IsOurs(RuntimeRecord runtime) =>
        runtime.Command.Contains("runner-gjs.js", StringComparison.Ordinal);

    public static AnalysisResult Mark(AnalysisResult result, IReadOnlyList<CaseRun> runs, IReadOnlyList<RuntimeRecord> runtimes)
    {
        var ours = runtimes.Where(IsOurs).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        if (ours.Count == 0 || result.Phase == AnalysisPhase.Load) return result;
        var findings = result.Findings.Select(f =>
            f.IsTiming && ours.Contains(f.Runtime) && Estimate(f, runs, result.Phase) is { } why ? f with { HostLayer = HostLayer.Ours, HostDetail = why } : f).ToList();
        return result with { Findings = findings };
    }

    /// <summary>The reason the excess sits in host calls, or null when the host calls could not account for half of it.</summary>
    private static string? Estimate(Finding f, IReadOnlyList<CaseRun> runs, AnalysisPhase phase)
    {
        if (f.Factor is not double factor || factor <= 1) return null;
        var cell = runs.Where(r => r.Case == f.Case && r.Result.Runtime == f.Runtime && r.Result.Status == RunStatus.Ok).Select(r => r.Result).ToList();
        if (cell.Count == 0) return null;
        var bytes = RobustStats.Median(cell.Select(r => (double)(r.StdoutBytes + r.StderrBytes)).ToArray());
        var ms = RobustStats.Median(cell.Select(r => CellTable.PhaseMs(r, phase) ?? r.WallMs).ToArray());
        var excess = ms * (1 - 1 / factor);
        var host = bytes / BytesPerWrite * WriteCostMs;
        if (!(excess > 0) || host < excess / 2) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"host layer: ours — {bytes / 1024:0.#} KiB written ≈ {bytes / BytesPerWrite:0} WASI writes ≈ {host:0.#} ms in our runner's host calls, of a {excess:0.#} ms excess");
    }
}
