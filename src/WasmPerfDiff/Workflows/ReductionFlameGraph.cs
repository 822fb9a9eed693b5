using WasmPerfDiff.Profiling;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Workflows;

/// <summary>A reduction's differential flame graph: the file beside ISSUE.md, or null and why there is none (one line).</summary>
public sealed record FlameGraphOutcome(string? File, string? Note);

/// <summary>
/// After a reduction, where the reduced module's time goes on the target against its first peer: each profiled with perf as
/// <c>profile</c> does (<see cref="ProfileJob"/>, the runtime's own launch with JIT symbol maps), the raw profiles (folded
/// stacks, one flame graph each) in <c>profile/</c>, and the differential graph of target against peer as
/// <c>flame-diff.svg</c> in the folder. An extra for the issue, never a condition of the reduction: perf missing or not
/// permitted, a runtime that cannot run under it, or any other fault of the profile ends as a note, not as an error.
/// </summary>
public static class ReductionFlameGraph
{
    public const string FileName = "flame-diff.svg";
    public const string ProfileFolder = "profile";

    /// <summary>Per profiled run: generous beside a reduced program's run (the checks keep it near the duration floor), bounded so a
    /// hang cannot hold the command for long after its budget.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>The highest sampling rate asked for: perf's own overhead stays small at it, and runs are short.</summary>
    private const int MaxFrequencyHz = 20_000;

    /// <param name="shortestMs">The shorter median run time of target and peer measured on the reduced module (0 or less: unknown).</param>
    public static async Task<FlameGraphOutcome> WriteAsync(ReduceInput input, string dir, string module, IReadOnlyList<string> args, double? shortestMs,
        CancellationToken ct)
    {
        try
        {
            var options = new PerfOptions(Frequency(shortestMs), Timeout);
            await PerfRecorder.CheckAvailableAsync(options, ct);
            var runtimes = CandidateCheck.Resolve(input.Target, input.Peers, input.ConfigPath);
            var target = runtimes.First(r => r.Name == input.Target);
            var peer = runtimes.First(r => r.Name == input.Peers[0]);
            var request = new RunRequest(module, args, options.EffectiveTimeout, input.Stdin);
            request.Validate();
            // One runtime per job, so the job writes no graph of its own under a name of runtimes: the folder's one
            // differential graph is flame-diff.svg. The runs are one after the other, as profile's, not to compete for the CPU.
            var profiles = Path.Combine(dir, ProfileFolder);
            var a = (await ProfileJob.RunAsync(target, null, request, profiles, options, 10, ct)).A;
            var b = (await ProfileJob.RunAsync(peer, null, request, profiles, options, 10, ct)).A;
            var subtitle = $"{Path.GetFileName(module)} {string.Join(' ', args)}".Trim();
            ProfileFiles.WriteDifferential(dir, FileName, target.Name, FoldedProfile.ReadFile(a.FoldedPath), peer.Name, FoldedProfile.ReadFile(b.FoldedPath), subtitle);
            var caveats = new[] { a, b }.Select(Caveat).OfType<string>().ToList();
            return new FlameGraphOutcome(FileName, caveats.Count > 0 ? string.Join("; ", caveats) : null);
        }
        catch (OperationCanceledException)
        {
            return new FlameGraphOutcome(null, "no flame graph: the profile was interrupted");
        }
        catch (Exception e)
        {
            // Whatever went wrong, the reduction itself is done and kept: the issue says why it has no graph.
            return new FlameGraphOutcome(null, "no flame graph: " + OneLine(e.Message));
        }
    }

    /// <summary>
    /// A reduced program runs for little more than the duration floor (tens of ms), where perf's default 999 Hz gives a
    /// few dozen samples: too few for shares (<see cref="ProfileCaveats"/>). So the rate is raised until the shorter run
    /// should give twice <see cref="ProfileCaveats.MinSamples"/>, within <see cref="MaxFrequencyHz"/> and the kernel's
    /// limit (perf refuses a rate above <c>kernel.perf_event_max_sample_rate</c>).
    /// </summary>
    public static int Frequency(double? shortestMs)
    {
        if (shortestMs is not > 0) return PerfOptions.DefaultFrequencyHz;
        var wanted = Math.Ceiling(2 * ProfileCaveats.MinSamples / (shortestMs.Value / 1000));
        var limit = Math.Min(MaxFrequencyHz, KernelMaxSampleRate() ?? MaxFrequencyHz);
        return (int)Math.Clamp(wanted, Math.Min(PerfOptions.DefaultFrequencyHz, limit), limit);
    }

    private static int? KernelMaxSampleRate()
    {
        try { return int.TryParse(System.IO.File.ReadAllText("/proc/sys/kernel/perf_event_max_sample_rate").Trim(), out var n) && n > 0 ? n : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>What to mind in one runtime's profile, in reduce's words (profile's caveat names profile's own options).</summary>
    private static string? Caveat(RuntimeProfile p) =>
        p.Samples < ProfileCaveats.MinSamples
            ? $"{p.Runtime}'s profile has {p.Samples} samples, too few for its shares to mean much (at least {ProfileCaveats.MinSamples} wanted)"
            : p.Caveat is { } c ? $"{p.Runtime}'s profile: {c}" : null;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
