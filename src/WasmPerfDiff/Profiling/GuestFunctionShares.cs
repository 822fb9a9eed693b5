namespace WasmPerfDiff.Profiling;

/// <summary>A guest (wasm) function's self samples in one profile, their share of all samples, and the CPU time they stand for.</summary>
public sealed record FunctionShare(string Function, long SelfSamples, double SelfShare, double SelfMs);

/// <summary>
/// A guest function whose share of samples changed from profile B to profile A (shares in [0,1];
/// change = A − B), with its estimated self CPU time on each: a function can keep its share while
/// taking three times as long, which only the times show.
/// </summary>
public sealed record ShareChange(string Function, double ShareA, double ShareB, double Change, double MsA, double MsB);

/// <summary>
/// Where the guest's time goes: self samples of wasm frames (the sample's leaf is the wasm
/// function itself, or kernel code that interrupted it), as a share of all samples of the run, host and kernel included, so that
/// runtimes with more overhead show smaller guest shares.
/// </summary>
public static class GuestFunctionShares
{
    /// <param name="msPerSample">CPU time one sample stands for (<see cref="PerfOptions.MsPerSample"/>).</param>
    public static IReadOnlyList<FunctionShare> Top(FoldedProfile profile, double msPerSample, int count = int.MaxValue) =>
        SelfSamples(profile)
            .Select(kv => new FunctionShare(kv.Key, kv.Value, Share(kv.Value, profile.TotalSamples), kv.Value * msPerSample))
            .OrderByDescending(f => f.SelfSamples).ThenBy(f => f.Function, StringComparer.Ordinal)
            .Take(count).ToList();

    /// <summary>Share of all samples whose leaf is guest code.</summary>
    public static double GuestShare(FoldedProfile profile) =>
        Share(SelfSamples(profile).Values.Sum(), profile.TotalSamples);

    /// <summary>Guest functions whose self share grew most from B to A (largest A − B first; only growth).</summary>
    public static IReadOnlyList<ShareChange> GrowthFromBToA(FoldedProfile a, FoldedProfile b, double msPerSample, int count = 10)
    {
        var selfA = SelfSamples(a);
        var selfB = SelfSamples(b);
        return selfA.Keys.Union(selfB.Keys)
            .Select(f =>
            {
                var shareA = Share(selfA.GetValueOrDefault(f), a.TotalSamples);
                var shareB = Share(selfB.GetValueOrDefault(f), b.TotalSamples);
                return new ShareChange(f, shareA, shareB, shareA - shareB,
                    selfA.GetValueOrDefault(f) * msPerSample, selfB.GetValueOrDefault(f) * msPerSample);
            })
            .Where(c => c.Change > 0)
            .OrderByDescending(c => c.Change).ThenBy(c => c.Function, StringComparer.Ordinal)
            .Take(count).ToList();
    }

    /// <summary>
    /// Samples per guest function counted at the innermost guest frame of each stack that has one, whatever runs above
    /// it (host code it called, e.g. a WASI call, is its time): where the guest program spent its time, call by call.
    /// </summary>
    public static IReadOnlyDictionary<string, long> InnermostGuestSamples(FoldedProfile profile)
    {
        var samples = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (frames, count) in profile.Stacks)
        {
            var inner = frames.Count - 1;
            while (inner >= 0 && !frames[inner].IsGuest) inner--;
            if (inner >= 0) samples[frames[inner].Name] = samples.GetValueOrDefault(frames[inner].Name) + count;
        }
        return samples;
    }

    private static Dictionary<string, long> SelfSamples(FoldedProfile profile)
    {
        var self = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (frames, count) in profile.Stacks)
        {
            // Kernel frames right on top of a guest frame are interrupts and page faults taken while
            // that function ran (no host code in between to have made a system call): its time.
            var leaf = frames.Count - 1;
            while (leaf > 0 && frames[leaf].Kind == FrameKind.Kernel)
                leaf--;
            if (frames[leaf].IsGuest)
                self[frames[leaf].Name] = self.GetValueOrDefault(frames[leaf].Name) + count;
        }
        return self;
    }

    private static double Share(long samples, long total) => total > 0 ? (double)samples / total : 0;
}
