using System.Text.RegularExpressions;
using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Python;

/// <summary>One Python program of the corpus as written: its two sizes and whether its expected output is known.</summary>
public sealed record PythonProgram(string Name, string TestSize, string DefaultSize, string? TestStdoutSha256, string? DefaultStdoutSha256, string? Error);

/// <summary>
/// The Python corpus: the programs of <c>corpus/python</c> run by a CPython built for WASI, twice. A <c>py-</c> case is
/// the 6.5 MB interpreter with <c>[script, size]</c> as its arguments and the build's prefix preopened (the standard
/// library and the scripts live there); a <c>pyfrozen-</c> case is the same program in the frozen interpreter
/// (<see cref="FrozenPythonBuild"/>: library and programs inside a 19+ MB module, <c>[-m, program, size]</c>, nothing
/// preopened). Written as a corpus manifest, so <c>run --corpus DIR</c> runs it like any other; the expected output of
/// each size comes from the machine's native python3.11 running the same script, for both.
/// </summary>
public static partial class PythonCorpus
{
    public const string Suite = "python";
    public const string FrozenSuite = "python-frozen";
    /// <summary>Where the programs live in the project's corpus.</summary>
    public const string SourceFolder = "python";
    private static readonly TimeSpan NativeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The programs in <paramref name="sourceFolder"/>: every <c>*.py</c> whose first line names its sizes.</summary>
    public static IReadOnlyList<(string Name, string Path, string Test, string Default)> Programs(string sourceFolder) =>
        Directory.EnumerateFiles(sourceFolder, "*.py").Order(StringComparer.Ordinal)
            .Select(p => (Path: p, Header: Header().Match(File.ReadLines(p).FirstOrDefault() ?? "")))
            .Where(x => x.Header.Success)
            .Select(x => (System.IO.Path.GetFileNameWithoutExtension(x.Path), x.Path, x.Header.Groups["test"].Value, x.Header.Groups["default"].Value))
            .ToList();

    /// <summary>
    /// Copies the programs (and the modules they import) beside the interpreter, measures each size's expected output
    /// natively, and writes <c>manifest.json</c> into <paramref name="outDir"/>. A program whose native run fails is
    /// reported and left out.
    /// </summary>
    public static async Task<(CorpusManifest Manifest, IReadOnlyList<PythonProgram> Programs, FrozenPython Frozen)> WriteAsync(
        CPythonWasi python, string sourceFolder, string outDir, Action<string>? progress, CancellationToken ct)
    {
        var frozen = await FrozenPythonBuild.BuildAsync(python, sourceFolder, progress, ct);
        var native = CPythonWasiBuild.NativePython("it gives the expected outputs");
        var scripts = python.ScriptsDirectory;
        Directory.CreateDirectory(scripts);
        foreach (var file in Directory.EnumerateFiles(sourceFolder, "*.py"))
            File.Copy(file, Path.Combine(scripts, Path.GetFileName(file)), overwrite: true);

        // The two modules every program runs in: how each names its program, and what it needs preopened.
        var preopened = new Variant("py-", Suite, python.Wasm, python.Prefix, name => [Path.Combine(scripts, name + ".py")]);
        var frozenTwin = new Variant("pyfrozen-", FrozenSuite, frozen.Wasm, null, name => ["-m", name]);
        var cases = new List<CorpusCase>();
        var programs = new List<PythonProgram>();
        foreach (var (name, _, test, dflt) in Programs(sourceFolder))
        {
            ct.ThrowIfCancellationRequested();
            progress?.Invoke($"expected output of {name} ({test}, {dflt})");
            var script = Path.Combine(scripts, name + ".py");
            var (testSha, testError) = await ExpectedAsync(native, script, test, ct);
            var (defaultSha, defaultError) = await ExpectedAsync(native, script, dflt, ct);
            var error = testError ?? defaultError;
            programs.Add(new PythonProgram(name, test, dflt, testSha, defaultSha, error));
            if (error is not null) continue;
            foreach (var variant in new[] { preopened, frozenTwin })
                cases.Add(variant.Case(name, (test, testSha!), (dflt, defaultSha!)));
        }
        var manifest = new CorpusManifest { Cases = cases, Compiler = $"CPython {CPythonSource.Version} for wasm32-wasi ({python.Wasm})" };
        Directory.CreateDirectory(outDir);
        manifest.Save(Path.Combine(outDir, CorpusManifest.FileName));
        return (manifest, programs, frozen);
    }

    private static async Task<(string? Sha, string? Error)> ExpectedAsync(string python, string script, string size, CancellationToken ct)
    {
        var output = ScratchDirectory.NewFile("python-expected", ".out");
        try
        {
            var r = await ToolProcess.RunAsync(python, ["-E", "-s", script, size], NativeTimeout, stdoutFile: output, ct: ct);
            if (!r.Ok) return (null, $"native {Path.GetFileName(script)} {size} failed: {r.Tail(300).ReplaceLineEndings(" ")}");
            return (FileHash.Sha256Hex(output), null);
        }
        finally { File.Delete(output); }
    }

    /// <summary>One interpreter module the programs run in: the case name's prefix, its suite, the module, the folder it
    /// needs preopened (if any), and the arguments that name a program before its size.</summary>
    private sealed record Variant(string Prefix, string Suite, string Wasm, string? Preopen, Func<string, string[]> Program)
    {
        private readonly string sha = FileHash.Sha256Hex(Wasm);
        private readonly long bytes = new FileInfo(Wasm).Length;

        public CorpusCase Case(string name, (string Size, string StdoutSha) test, (string Size, string StdoutSha) dflt) => new()
        {
            Name = Prefix + name,
            Suite = Suite,
            Language = "wasm",
            Wasm = Wasm,
            WasmSha256 = sha,
            WasmBytes = bytes,
            Large = true,
            Preopen = Preopen,
            Sizes = new Dictionary<string, CaseSize>
            {
                [CorpusCase.TestSize] = new([.. Program(name), test.Size], test.StdoutSha),
                [CorpusCase.DefaultSize] = new([.. Program(name), dflt.Size], dflt.StdoutSha),
            },
        };
    }

    [GeneratedRegex(@"^# perfdiff: test=(?<test>[0-9]+) default=(?<default>[0-9]+)")]
    private static partial Regex Header();
}
