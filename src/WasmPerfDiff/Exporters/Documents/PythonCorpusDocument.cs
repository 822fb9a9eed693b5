using WasmPerfDiff.Corpus.Python;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>build --python --json</c>: the interpreter build, its frozen twin, the corpus folder, and per program its
/// sizes and expected outputs.</summary>
public sealed record PythonCorpusDocument(string Corpus, string Interpreter, string Prefix, long InterpreterBytes, bool Cached,
    double BuildSeconds, PythonCorpusDocument.Frozen FrozenInterpreter, IReadOnlyList<PythonCorpusDocument.Program> Programs)
{
    /// <summary>The interpreter with the standard library and the programs inside (the <c>pyfrozen-</c> cases).</summary>
    public sealed record Frozen(string Wasm, long Bytes, int Modules, long FrozenBytes, IReadOnlyList<string> LeftOut);

    public sealed record Program(string Name, string TestSize, string DefaultSize, string? TestStdoutSha256, string? DefaultStdoutSha256, string? Error);

    public static PythonCorpusDocument From(string corpus, CPythonWasi python, FrozenPython frozen, IReadOnlyList<PythonProgram> programs) => new(
        corpus, python.Wasm, python.Prefix, new FileInfo(python.Wasm).Length, python.Cached, Math.Round(python.Took.TotalSeconds, 1),
        new Frozen(frozen.Wasm, new FileInfo(frozen.Wasm).Length, frozen.Modules, frozen.FrozenBytes, frozen.LeftOut),
        programs.Select(p => new Program(p.Name, p.TestSize, p.DefaultSize, p.TestStdoutSha256, p.DefaultStdoutSha256, p.Error)).ToList());
}
