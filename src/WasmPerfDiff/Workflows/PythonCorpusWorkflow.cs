using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Python;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>build --python</c> asks for: where the corpus manifest goes, and how long the CPython build may take.</summary>
public sealed record PythonCorpusRequest(string OutDir, TimeSpan MaxTime, string? CorpusDirectory);

/// <summary>The Python corpus made: the interpreter build, the manifest written and each program's expected outputs.</summary>
public sealed record PythonCorpusResult(CPythonWasi Python, FrozenPython Frozen, string CorpusDirectory, IReadOnlyList<PythonProgram> Programs);

/// <summary>
/// <c>build --python</c>: CPython for WASI from Debian's source (cached per machine), then the corpus of
/// <c>corpus/python</c> written as a manifest that every verb reading a corpus takes with <c>--corpus</c>.
/// </summary>
public static class PythonCorpusWorkflow
{
    public static async Task<PythonCorpusResult> BuildAsync(PythonCorpusRequest request, Action<string>? progress, CancellationToken ct)
    {
        var sources = Path.Combine(CorpusLocator.Locate(request.CorpusDirectory), PythonCorpus.SourceFolder);
        if (!Directory.Exists(sources) || PythonCorpus.Programs(sources).Count == 0)
            throw new BadInputException($"'{sources}' holds no Python program of the corpus", "CorpusDirectory");
        var python = await CPythonWasiBuild.BuildAsync(request.MaxTime, progress, ct);
        var outDir = Path.GetFullPath(request.OutDir);
        var (_, programs, frozen) = await PythonCorpus.WriteAsync(python, sources, outDir, progress, ct);
        return new PythonCorpusResult(python, frozen, outDir, programs);
    }
}
