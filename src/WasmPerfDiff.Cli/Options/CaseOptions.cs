using System.CommandLine;

namespace WasmPerfDiff.Cli.Options;

/// <summary>
/// Which programs a verb runs: <c>--corpus</c>, <c>--cases</c>, <c>--size</c>, declared here once. A verb passes its own
/// description only where the option means something more there (e.g. the corpus as a cluster's nodes see it).
/// </summary>
public static class CaseOptions
{
    public static Option<string?> Corpus(string description = "corpus directory: the project corpus (manifest.json) or a directory of NAME.wasm with sidecars (default: the project corpus)") =>
        new("--corpus") { Description = description };

    public static Option<string?> Cases(string description = "case names or globs, comma-separated, e.g. 'fib,flops-*'") =>
        new("--cases") { Description = description };

    /// <param name="onlyCorpusSizes">Accept only the sizes every corpus case has (test, default); false where a case's own sizes may be named.</param>
    public static Option<string> Size(string description = "input size of the cases", string defaultSize = "default", bool onlyCorpusSizes = true)
    {
        var size = new Option<string>("--size") { Description = description, DefaultValueFactory = _ => defaultSize };
        if (onlyCorpusSizes) size.AcceptOnlyFromAmong("test", "default");
        return size;
    }
}
