namespace WasmPerfDiff.Corpus.Programs;

/// <summary>What became of one planned program: its plan, the native filters' outcome, and its files in the work folder.</summary>
public sealed record ProgramCandidate(ProgramPlan Plan, FilterOutcome Outcome, string SourcePath, string WasmPath);

/// <summary>
/// Writes one planned program (Csmith's text + hot spot) as NAME.c in a work folder and runs the native filters on it
/// (which build NAME.wasm beside it). The reference-runtime check comes after, in the workflow: runtimes are a later stage.
/// </summary>
public static class ProgramGenerator
{
    public static async Task<ProgramCandidate> MakeAsync(ProgramPlan plan, ProgramFilter filter, string workDir, CancellationToken ct)
    {
        var source = Path.Combine(workDir, plan.Name + ".c");
        var wasm = Path.Combine(workDir, plan.Name + ".wasm");
        var (text, error) = await CsmithProgram.GenerateAsync(plan.CsmithSeed, ct);
        if (text is null) return new ProgramCandidate(plan, FilterOutcome.Reject(Rejection.CsmithFailed, error ?? ""), source, wasm);
        await File.WriteAllTextAsync(source, CsmithProgram.Compose(text, plan.HotSpot, plan.CsmithSeed, plan.A, plan.B, plan.C), ct);
        return new ProgramCandidate(plan, await filter.CheckAsync(source, wasm, workDir, ct), source, wasm);
    }
}
