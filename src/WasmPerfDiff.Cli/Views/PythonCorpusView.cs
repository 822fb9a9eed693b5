using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Views;

/// <summary>The console side of <c>build --python</c>: progress on stderr, the corpus and how to run it on stdout.</summary>
public static class PythonCorpusView
{
    public static void Progress(string step) => Console.Error.WriteLine($"python: {step}");

    public static void Print(PythonCorpusResult r)
    {
        var mb = new FileInfo(r.Python.Wasm).Length / 1048576.0;
        Console.WriteLine(r.Python.Cached
            ? $"CPython for WASI (cached): {r.Python.Wasm} ({mb:0.0} MB)"
            : $"CPython for WASI built in {r.Python.Took.TotalMinutes:0.0} min: {r.Python.Wasm} ({mb:0.0} MB)");
        Console.WriteLine($"frozen twin: {r.Frozen.Wasm} ({new FileInfo(r.Frozen.Wasm).Length / 1048576.0:0.0} MB, {r.Frozen.Modules} modules inside; " +
            "the pyfrozen- cases, nothing preopened)");
        foreach (var p in r.Programs)
            Console.WriteLine(p.Error is null ? $"  {p.Name,-15} test {p.TestSize,-7} default {p.DefaultSize}" : $"  {p.Name,-15} LEFT OUT: {p.Error}");
        Console.WriteLine($"corpus: {r.CorpusDirectory} ({r.Programs.Count(p => p.Error is null)} programs, each as py-NAME and pyfrozen-NAME)");
        Console.WriteLine($"run it: wasm-perfdiff run --corpus {r.CorpusDirectory} --db python.db");
    }
}
