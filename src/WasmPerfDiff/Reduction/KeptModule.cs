namespace WasmPerfDiff.Reduction;

/// <summary>
/// The module of the best program so far with the decision it was kept on: a candidate that builds to the same bytes
/// needs no measurement of its own (<see cref="CandidateCheck"/>). Most of a reduction's late steps are such edits.
/// </summary>
public sealed record KeptModule(string Path, int Step, IReadOnlyList<string> Args, double? Factor, double? Low, double? High, ModuleOutput? Output = null)
{
    /// <summary>The module of <paramref name="best"/> in <paramref name="folder"/>, or null before anything was kept or when its file is gone.</summary>
    public static KeptModule? Of(ReductionFolder folder, BestProgram? best) =>
        best is not null && File.Exists(folder.ModulePath)
            ? new KeptModule(folder.ModulePath, best.Step, best.Args, best.Factor, best.Low, best.High, best.Output)
            : null;

    public bool Matches(string module)
    {
        var (a, b) = (new FileInfo(Path), new FileInfo(module));
        return a.Exists && b.Exists && a.Length == b.Length && File.ReadAllBytes(Path).AsSpan().SequenceEqual(File.ReadAllBytes(module));
    }
}
