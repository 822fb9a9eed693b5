using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Host;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Workflows;

/// <summary>What this machine can run: every runtime configuration with its availability, and the toolchains.</summary>
public sealed record DoctorReport(IReadOnlyList<(IRuntime Runtime, RuntimeAvailability Availability)> Runtimes, IReadOnlyList<Toolchain> Toolchains);

public static class DoctorWorkflow
{
    /// <param name="onProbing">Told how many configurations are about to be probed (a probe run each takes a few seconds).</param>
    public static DoctorReport Check(string? configPath, Action<int>? onProbing = null)
    {
        var catalog = RuntimeCatalog.Load(configPath);
        onProbing?.Invoke(catalog.All.Count);
        catalog.Available(); // probes in parallel; Detect() below reads the cached answers
        var runtimes = catalog.All.Select(r => (r, r.Detect())).ToList();
        // clang is judged by the check `build` makes, so doctor never says yes where build says no.
        var toolchains = Toolchains.Detect().Select(t => t.Name == Toolchains.Clang ? BuildToolchain.Judge(t) : t).ToList();
        return new DoctorReport(runtimes, toolchains);
    }
}
