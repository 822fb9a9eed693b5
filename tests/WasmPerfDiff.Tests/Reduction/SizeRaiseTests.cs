using System.Globalization;
using System.Text.Json;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// A candidate too brief to measure gets a larger size argument, and one sample that does not follow the raise does not
/// stop that: both runtimes here are the real wasm3 behind <c>ignores-one-raise.sh</c>, which runs the first raised
/// size at the original size. A CI run's reduction once ended at such a sample, its original "too brief to measure".
/// </summary>
[Collection(ReduceEndToEndTests.Collection)]
public class SizeRaiseTests
{
    [RequiresReduceToolsFact]
    public async Task One_raise_that_does_not_lengthen_the_run_does_not_end_the_raise_of_a_too_brief_program()
    {
        var p = await PlantedReduction.CreateAsync("small");
        var config = Path.Combine(p.Folder, "cold.json");
        string[] names = ["cold-a", "cold-b"];
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            paths = new Dictionary<string, string> { ["wasm3"] = PlantedReduction.Wasm3! },
            runtimes = names.Select(n => new
            {
                name = n, engine = "wasm3", tier = "interpreter",
                command = new[] { TestModules.FakeRuntime("ignores-one-raise.sh"), PlantedReduction.Wasm3!, Path.Combine(p.Folder, n + ".state"), p.Wasm, "{wasm}", "{args}" },
            }).ToArray(),
        }));
        var spec = new ReductionSpec
        {
            Target = names[0], Peers = [names[1]], ConfigPath = config, Level = ReductionLevel.Wasm, ProgramName = "small.wasm", Args = ["1"], SizeArgIndex = 0,
            RequiredFactor = 1.5, MaxRuns = 3, Metric = WasmPerfDiff.Campaigns.CompareMetric.Cpu, OutDirectory = Path.Combine(p.Folder, "out"),
        };

        var outcome = await CandidateCheck.RunAsync(spec, p.Wasm, p.Folder, null, CancellationToken.None);

        // Measured (and, the same engine twice, not out of line), at a raised size: not rejected as too brief.
        Assert.DoesNotContain("too briefly", outcome.Reason);
        Assert.NotNull(outcome.Decision);
        Assert.True(long.Parse(outcome.Args[0], CultureInfo.InvariantCulture) > 1, outcome.Reason);
    }

    [RequiresReduceToolsFact]
    public async Task A_candidate_too_brief_to_measure_is_out_without_its_native_run()
    {
        // What C-Vise made of sha256: a loop clang -O2 removed from the module and gcc kept in the native build, which then
        // ran for seconds at every raised size. Here the native build never ends: running it would time the check out.
        var p = await PlantedReduction.CreateAsync("small");
        var candidate = Path.Combine(Directory.CreateDirectory(Path.Combine(p.Folder, "brief")).FullName, "small.c");
        File.WriteAllText(candidate, "#include <stdlib.h>\nint main(int argc, char **argv) {\n  long n = argc > 1 ? atol(argv[1]) : 1;\n"
            + "#ifndef __wasm__\n  for (;;) {}\n#endif\n  return n < 0;\n}\n");
        var (spec, _, _, work) = await p.TwinSpecAsync(p.WriteTwinConfig(), s => s with { RunTimeout = TimeSpan.FromSeconds(20) });

        var outcome = await CandidateCheck.RunAsync(spec, candidate, work, null, CancellationToken.None);

        Assert.False(outcome.Interesting);
        Assert.StartsWith("runs too briefly to measure", outcome.Reason);
    }
}
