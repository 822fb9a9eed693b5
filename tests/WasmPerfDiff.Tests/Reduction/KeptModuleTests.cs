using System.Text.Json;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Tests.Support;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// A reducer's edit that compiles to the kept module byte for byte is kept on the kept step's decision, not measured
/// again; any other candidate is measured. The target here is wasm3 under another name, so a measurement could only
/// find it ×1.0 against wasm3: the first candidate being in shows it was not measured, the second being out that it was.
/// </summary>
[Collection(ReduceEndToEndTests.Collection)]
public class KeptModuleTests
{
    [RequiresReduceToolsFact]
    public async Task A_candidate_that_builds_to_the_kept_module_inherits_its_decision_and_any_other_is_measured()
    {
        var p = await PlantedReduction.CreateAsync("small");
        var (spec, specPath, outDir, work) = await p.TwinSpecAsync(p.WriteTwinConfig());
        var original = await CandidateBuilder.BuildAsync(spec, p.Source, work, CancellationToken.None);
        Assert.Null(original.Problem);
        var (size, _) = await ProgramSize.OfAsync(p.Source, ReductionLevel.C, CancellationToken.None);
        new ReductionFolder(outDir, spec).Keep(p.Source, original.WasmPath!, new BestProgram(0, DateTimeOffset.UtcNow, size, 3.0, 2.8, 3.2, ["1"]));

        var text = File.ReadAllText(p.Source);
        var uncommented = Candidate(p, "a", text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..]);   // the comment gone: same module
        Assert.True(await ReduceCheckWorkflow.RunAsync(specPath, uncommented, CancellationToken.None));
        var kept = LastStep(outDir);
        Assert.Contains("the same module as kept step 0, not measured again", kept.Reason);
        Assert.True(kept.Kept);

        var changed = Candidate(p, "b", text.Replace("__builtin_popcountll(x)", "(x >> 17 & 1)", StringComparison.Ordinal));
        Assert.False(await ReduceCheckWorkflow.RunAsync(specPath, changed, CancellationToken.None));
        var measured = LastStep(outDir);
        Assert.DoesNotContain("same module", measured.Reason);
        Assert.InRange(measured.Factor!.Value, 0.5, 2.0);
    }

    [RequiresReduceToolsFact]
    public async Task A_candidate_that_builds_to_the_kept_module_runs_only_natively_and_memcheck_runs_once_per_binary()
    {
        var p = await PlantedReduction.CreateAsync("small");
        var config = p.WriteTwinConfig();
        var (spec, specPath, outDir, work) = await p.TwinSpecAsync(config, s => s with { Memcheck = WasmPerfDiff.Host.ExecutableSearch.Find("valgrind"), MaxRuns = 3 });
        // The original measured as reduce measures it (×1.0 here, which does not matter): what its module prints is recorded with it.
        var original = await CandidateCheck.RunAsync(spec, p.Source, work, null, CancellationToken.None);
        Assert.NotNull(original.Output);
        var (size, _) = await ProgramSize.OfAsync(p.Source, ReductionLevel.C, CancellationToken.None);
        new ReductionFolder(outDir, spec).Keep(p.Source, original.Module!, new BestProgram(0, DateTimeOffset.UtcNow, size, 3.0, 2.8, 3.2, original.Args) { Output = original.Output });
        // From here on the twin crashes on every candidate's module: a candidate it had to run would be out.
        p.WriteTwinConfig([TestModules.FakeRuntime("crash-on-name.sh"), PlantedReduction.Wasm3!, "candidate.wasm", "{wasm}", "{args}"]);
        var memchecked = Path.Combine(spec.WorkDirectory, MemcheckVerdicts.FileName);

        var text = File.ReadAllText(p.Source);
        var body = text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        Assert.True(await ReduceCheckWorkflow.RunAsync(specPath, Candidate(p, "a", body), CancellationToken.None), LastStep(outDir).Reason);   // the comment gone
        Assert.Contains("the same module as kept step 0", LastStep(outDir).Reason);
        Assert.Single(File.ReadAllLines(memchecked));
        // Lines moved (the UBSan build records them, the plain build memcheck runs does not): the same binary, not memchecked again.
        Assert.True(await ReduceCheckWorkflow.RunAsync(specPath, Candidate(p, "b", "\n\n" + body), CancellationToken.None), LastStep(outDir).Reason);
        Assert.Single(File.ReadAllLines(memchecked));

        var changed = Candidate(p, "c", text.Replace("__builtin_popcountll(x)", "(x >> 17 & 1)", StringComparison.Ordinal));
        Assert.False(await ReduceCheckWorkflow.RunAsync(specPath, changed, CancellationToken.None));
        Assert.Contains("wasm3-twin: crash", LastStep(outDir).Reason);
    }

    private static string Candidate(PlantedReduction p, string name, string text)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(p.Folder, name)).FullName, "small.c");
        File.WriteAllText(path, text);
        return path;
    }

    private static ReductionStep LastStep(string outDir) =>
        JsonSerializer.Deserialize<ReductionStep>(File.ReadLines(Path.Combine(outDir, ReductionFolder.StepsFile)).Last(), WireJson.Compact)!;
}
