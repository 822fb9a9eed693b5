using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Exporters.Documents;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>wasm-perfdiff build</c>: compiles the corpus to wasm32-wasi (and native with <c>--native</c>) into
/// <c>--out</c>, reusing cached outputs whose inputs did not change. Exit 0 when every case built,
/// 1 when some failed to compile (listed), 2 when the toolchain is missing (one line naming the packages).
/// <c>--python</c> builds CPython for WASI and writes the Python corpus instead (<see cref="BuildPython"/>).
/// </summary>
public static class BuildVerb
{
    public static Command Create()
    {
        var opt = new Option<string>("--opt") { Description = "optimization level", DefaultValueFactory = _ => "O2" };
        opt.AcceptOnlyFromAmong([.. BuildOptions.OptLevels]);
        var compiler = new Option<string>("--compiler") { Description = "clang (wasm32-wasi) or emcc (Emscripten, -sSTANDALONE_WASM)", DefaultValueFactory = _ => "clang" };
        compiler.AcceptOnlyFromAmong("clang", "emcc");
        var native = new Option<bool>("--native") { Description = "also build native executables (the reference for expected outputs)" };
        var output = new Option<string>("--out") { Description = "output directory (wasm/<opt>/NAME.wasm, native/<opt>/NAME)", DefaultValueFactory = _ => Path.Combine("out", "build") };
        var corpus = CaseOptions.Corpus("corpus directory (default: the shipped corpus)");
        var cases = CaseOptions.Cases("comma-separated case names to build (default: all)");
        var jobs = new Option<int>("--jobs") { Description = "parallel compiler processes", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = CommonOptions.Json();
        var python = new Option<bool>("--python") { Description = "build CPython for WASI from Debian's source (cached) and write the Python corpus's manifest into --out (default out/python)" };
        var maxTime = new Option<string?>("--max-time") { Description = "with --python: time the CPython build may take: 90s, 5m, 1h (default 1h)" };

        var cmd = new Command("build", "compile the corpus to wasm32-wasi (and native) with a content-hash cache");
        foreach (var o in new Option[] { opt, compiler, native, output, corpus, cases, jobs, json, python, maxTime })
            cmd.Options.Add(o);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            if (pr.GetValue(python))
                return await BuildPython.RunAsync(pr.GetResult(output) is null ? Path.Combine("out", "python") : pr.GetValue(output)!,
                    pr.GetValue(maxTime), pr.GetValue(corpus), pr.GetValue(json), ct);
            var set = CorpusSet.Locate(pr.GetValue(corpus));
            var options = new BuildOptions
            {
                Opt = pr.GetValue(opt)!,
                Compiler = pr.GetValue(compiler) == "emcc" ? WasmCompiler.Emcc : WasmCompiler.Clang,
                Native = pr.GetValue(native),
                OutDir = pr.GetValue(output)!,
                Cases = pr.GetValue(cases)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Jobs = pr.GetValue(jobs),
            };
            var asJson = pr.GetValue(json);
            var report = await CorpusBuilder.BuildAsync(set, options, asJson ? null : PrintCase, ct);
            if (asJson) JsonOutput.Print(BuildDocument.From(report));
            else
                Console.WriteLine($"{report.Compiler} ({report.CompilerVersion}) -{report.Opt}: {report.Built} built, {report.FromCache} from cache, {report.Failed} failed -> {report.OutDir}");
            return report.Failed > 0 ? ExitCodes.Found : ExitCodes.Ok;
        });
        return cmd;
    }

    private static void PrintCase(CaseBuildResult r)
    {
        var state = r.Error is not null ? "FAILED" : r.Cached ? "cached" : "built";
        Console.WriteLine($"{state,-7} {r.Name,-18} {r.Seconds,6:0.0} s");
        if (r.Error is not null) Console.WriteLine("        " + r.Error.Replace("\n", "\n        "));
    }
}
