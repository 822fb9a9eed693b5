namespace WasmPerfDiff.Profiling;

/// <summary>A sampled run folded into stacks with clean names, and how the profiled program ended (or that it was stopped at the timeout).</summary>
public sealed record SampledRun(FoldedProfile Profile, int ExitCode, bool TimedOut, string StderrTail);

/// <summary>Samples one launch with perf and folds its stacks with the module's function names.</summary>
public static class Profiler
{
    public static async Task<SampledRun> SampleAsync(ProfileLaunch launch, WasmFunctionNames names, PerfOptions options, CancellationToken cancellationToken = default)
    {
        var namer = new FrameNamer(names);
        var profile = new FoldedProfile();
        var recording = await PerfRecorder.RecordAsync(launch, options, sample => profile.Add(namer.NameStack(sample)), cancellationToken);
        return new SampledRun(profile, recording.ExitCode, recording.TimedOut, recording.StderrTail);
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
