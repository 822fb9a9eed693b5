using System.Text.Json;
using WasmPerfDiff.Corpus.Python;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>
/// The Python corpus on the CPython that <c>build --python</c> made for WASI: two programs and one frozen twin, each on
/// two runtimes (embedded Wasmtime and V8), in a real campaign, print exactly what the native python3.11 printed.
/// </summary>
public class PythonCorpusTests
{
    [RequiresPythonWasiFact]
    public void Two_programs_run_on_two_runtimes_with_the_expected_output()
    {
        var root = Directory.CreateTempSubdirectory("perfdiff-python-").FullName;
        try
        {
            var out_ = Path.Combine(root, "corpus");
            var build = CliProcess.RunIn(null, TimeSpan.FromMinutes(20), "build", "--python", "--out", out_, "--json");
            Assert.True(build.ExitCode == 0, build.Stderr);
            var doc = JsonDocument.Parse(build.Stdout).RootElement;
            Assert.True(doc.GetProperty("interpreter_bytes").GetInt64() > 5_000_000); // a whole interpreter (6.5 MB), not a stub
            Assert.Equal(16, doc.GetProperty("programs").GetArrayLength());
            // The frozen twin carries the standard library inside: hundreds of modules, a module three times the interpreter's size.
            var frozen = doc.GetProperty("frozen_interpreter");
            Assert.True(frozen.GetProperty("modules").GetInt32() > 500, frozen.ToString());
            Assert.True(frozen.GetProperty("bytes").GetInt64() > 2 * doc.GetProperty("interpreter_bytes").GetInt64(), frozen.ToString());
            var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(out_, "manifest.json"))).RootElement.GetProperty("cases").EnumerateArray().ToList();
            var frozenFib = manifest.Single(c => c.GetProperty("name").GetString() == "pyfrozen-fib");
            Assert.False(frozenFib.TryGetProperty("preopen", out var preopen) && preopen.ValueKind == JsonValueKind.String, "the frozen twin needs no directory");

            // The baseline compilers: the interpreter module is 6+ MB, and what is checked here is the output, not speed.
            var runtimes = NodeAvailable() ? "wasmtime-winch,v8-liftoff" : "wasmtime-winch,wasmtime-pulley";
            var r = CliProcess.RunIn(null, TimeSpan.FromMinutes(10), "run", "--corpus", out_, "--cases", "py-fib,py-nbody,pyfrozen-fib", "--size", "test",
                "--runtime", runtimes, "--min-runs", "1", "--max-runs", "1", "--warmup", "0", "--db", Path.Combine(root, "py.db"), "--json");
            Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
            var cells = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("validation").GetProperty("cells").EnumerateArray().ToList();
            Assert.Equal(6, cells.Count);
            Assert.All(cells, c =>
            {
                Assert.Equal("ok", c.GetProperty("status").GetString());
                Assert.False(c.GetProperty("output_differs").GetBoolean());
            });
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void Every_program_names_its_two_sizes_in_its_first_line()
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "corpus", PythonCorpus.SourceFolder);
        var programs = PythonCorpus.Programs(folder);
        Assert.Equal(["binarytrees", "fannkuchredux", "fasta", "fastaredux", "fib", "jsonbench", "knucleotide", "meteor", "nbody",
            "pidigits", "pystone", "regexdna", "revcomp", "richards", "spectralnorm", "threadring"], programs.Select(p => p.Name));
        Assert.All(programs, p => Assert.True(long.Parse(p.Test) < long.Parse(p.Default), $"{p.Name}: test size {p.Test} ≥ default {p.Default}"));
    }

    private static bool NodeAvailable() => RequiredTools.MissingFromPath("node") is null;
}

/// <summary>A fact that needs CPython built for WASI (<c>wasm-perfdiff build --python</c>, once per machine).</summary>
public sealed class RequiresPythonWasiFactAttribute : FactAttribute
{
    public RequiresPythonWasiFactAttribute() =>
        Skip = RequiredTools.SkipReason("python-wasi", CPythonWasiBuild.Existing() is null
            ? "CPython for WASI is not built here: build it with `wasm-perfdiff build --python` (≈ 2 min on 2 cores)"
            : null);
}
