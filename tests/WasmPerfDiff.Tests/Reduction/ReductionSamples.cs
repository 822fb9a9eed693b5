using WasmPerfDiff.Host;
using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>Reduction summaries made up in memory, for what reads a finished reduction (grouping, documents, ISSUE.md) without running one.</summary>
public static class ReductionSamples
{
    public static CheckOutcome Check(double factor) => new(true, "still out of line",
        new InterestDecision(Interest.In, "wasm3", factor, factor * 0.9, factor * 1.1, "kept"), ["1"],
        [new SideTimes("slow-popcnt", 5, 30 * factor, WasmPerfDiff.Measurement.PhaseMethod.Markers), new SideTimes("wasm3", 5, 30, WasmPerfDiff.Measurement.PhaseMethod.Markers)]);

    /// <summary>A finished reduction of <paramref name="name"/> on <paramref name="target"/> whose reduced module is dominated by <paramref name="opcodeClass"/> (none: null).</summary>
    public static ReductionSummary Summary(string name, string target = "slow-popcnt", string? opcodeClass = "i64.popcnt",
        ReductionEnd end = ReductionEnd.Finished, string outDirectory = "/tmp/reduced") =>
        new(name, ReductionLevel.C, "c", outDirectory, target, ["wasm3"], end, TimeSpan.FromSeconds(42), 20, 5,
            new ProgramSize(2000, 70), new ProgramSize(300, 9), Check(3), end == ReductionEnd.NotReproduced ? null : Check(2.8), 2.4,
            opcodeClass is null ? null : new DominantConstruct(opcodeClass, 0.3, ["popcnt"], "population count"),
            [new RuntimeFacts(target, "planted", "slow-on-popcnt", "1.0", "slow {wasm}", "./slow reduced.wasm", null),
             new RuntimeFacts("wasm3", "wasm3", "interpreter", "0.5", "wasm3 {wasm}", "wasm3 reduced.wasm", null)],
            new HostFingerprint("Test CPU", 2, "6.1", "Debian", "0.0"), null)
        {
            ProgramFile = name + ".c",
            ModuleFile = "reduced.wasm",
            TextFile = "reduced.wat",
        };
}
