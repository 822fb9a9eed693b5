using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Profiling;

/// <summary>
/// One runtime's profile: sample count, how the program ended (timed out = stopped at the timeout,
/// profile up to then), guest share, top guest functions, guest samples per JIT tier (empty when
/// the runtime's symbol map names no tiers), the files written, and why the profile is too thin to read
/// (<see cref="ProfileCaveats"/>; null when it is not).
/// </summary>
public sealed record RuntimeProfile(
    string Runtime,
    long Samples,
    int ExitCode,
    bool TimedOut,
    double GuestShare,
    IReadOnlyList<FunctionShare> TopGuestFunctions,
    IReadOnlyDictionary<string, long> GuestTierSamples,
    string FoldedPath,
    string SvgPath,
    string? Caveat = null);

/// <summary>The result of <c>profile</c>: A's profile, optionally B's, the differential graph of A against B and the growth list.</summary>
public sealed record ProfileResult(
    string Wasm,
    IReadOnlyList<string> Args,
    RuntimeProfile A,
    RuntimeProfile? B,
    string? DifferentialSvgPath,
    IReadOnlyList<ShareChange> GrowthFromBToA);

/// <summary>
/// The <c>profile</c> job: sample the program on runtime A (and B), write folded stacks and flame
/// graphs per runtime and the differential graph of A against B, and rank guest functions.
/// Runtimes are profiled one after the other so that they do not compete for the CPU. Callers
/// check <see cref="PerfRecorder.CheckAvailableAsync"/> first for the clearest message.
/// </summary>
public static class ProfileJob
{
    public static async Task<ProfileResult> RunAsync(IRuntime a, IRuntime? b, RunRequest request, string outDir, PerfOptions options,
        int topCount, CancellationToken cancellationToken = default)
    {
        var names = WasmFunctionNames.ReadFile(request.WasmPath);
        var subtitle = $"{Path.GetFileName(request.WasmPath)} {string.Join(' ', request.Args)}".Trim();

        var (profileA, resultA) = await ProfileOne(a);
        if (b is null)
            return new ProfileResult(request.WasmPath, request.Args, resultA, null, null, []);

        var (profileB, resultB) = await ProfileOne(b);
        var diff = ProfileFiles.WriteDifferential(outDir, a.Name, profileA, b.Name, profileB, subtitle);
        var growth = GuestFunctionShares.GrowthFromBToA(profileA, profileB, options.MsPerSample, topCount);
        return new ProfileResult(request.WasmPath, request.Args, resultA, resultB, diff, growth);

        async Task<(FoldedProfile, RuntimeProfile)> ProfileOne(IRuntime runtime)
        {
            var run = await RuntimeProfiler.SampleAsync(runtime, request, names, options, cancellationToken);
            var files = ProfileFiles.WriteRuntime(outDir, runtime.Name, run.Profile, subtitle);
            var guestShare = GuestFunctionShares.GuestShare(run.Profile);
            return (run.Profile, new RuntimeProfile(runtime.Name, run.Profile.TotalSamples, run.ExitCode, run.TimedOut,
                guestShare, GuestFunctionShares.Top(run.Profile, options.MsPerSample, topCount),
                run.GuestTierSamples, files.FoldedPath, files.SvgPath,
                ProfileCaveats.Of(run.Profile.TotalSamples, guestShare, Interpreters.Interprets(runtime))));
        }
    }
}
