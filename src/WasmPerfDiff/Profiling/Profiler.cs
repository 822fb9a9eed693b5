namespace WasmPerfDiff.Profiling;

/// <summary>
/// A sampled run folded into stacks with clean names, how the profiled program ended (or that it
/// was stopped at the timeout), and samples per JIT tier of the innermost guest frame where the
/// runtime's symbol map names tiers.
/// </summary>
public sealed record SampledRun(FoldedProfile Profile, int ExitCode, bool TimedOut, string StderrTail, IReadOnlyDictionary<string, long> GuestTierSamples);

/// <summary>Samples one launch with perf and folds its stacks with the module's function names.</summary>
public static class Profiler
{
    public static async Task<SampledRun> SampleAsync(ProfileLaunch launch, WasmFunctionNames names, PerfOptions options, CancellationToken cancellationToken = default)
    {
        var namer = new FrameNamer(names);
        var profile = new FoldedProfile();
        var tiers = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var recording = await PerfRecorder.RecordAsync(launch, options, sample =>
        {
            profile.Add(namer.NameStack(sample));
            if (FrameNamer.GuestTier(sample) is { } tier)
                tiers[tier] = tiers.GetValueOrDefault(tier) + 1;
        }, cancellationToken);
        return new SampledRun(profile, recording.ExitCode, recording.TimedOut, recording.StderrTail, tiers);
    }

    public static FoldedProfile Fold(IEnumerable<PerfSample> samples, WasmFunctionNames names)
    {
        var namer = new FrameNamer(names);
        var profile = new FoldedProfile();
        foreach (var sample in samples)
            profile.Add(namer.NameStack(sample));
        return profile;
    }
}
