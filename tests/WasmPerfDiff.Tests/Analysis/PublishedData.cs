using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>WarpDiff's published O2 data and the settings its paper used, shared by the published-data checks.</summary>
public static class PublishedData
{
    /// <summary>WarpDiff's runtime order: its vectors (and so its distances) depend on it only through the set, but the output order follows it.</summary>
    public static readonly string[] Runtimes = ["wasmer", "wasmtime", "wasm3", "wasm3--compile", "wasmedge_aot", "iwasm", "iwasm_aot"];

    /// <summary>WarpDiff hard-codes these two programs out of its analysis.</summary>
    public static readonly string[] Excluded = ["recursive", "ackermann"];

    private static readonly Lazy<IReadOnlyList<WarpDiffMean>> LazyMeans = new(() => WarpDiffData.Read(TestPaths.WarpDiffData));
    public static IReadOnlyList<WarpDiffMean> Means => LazyMeans.Value;
    public static IReadOnlyList<CaseRun> Runs => WarpDiffData.ToCaseRuns(Means);

    public static AnalysisOptions Options(AnalysisMethod method, AnalysisPhase phase) => new()
    {
        Method = method, Phase = phase, Runtimes = Runtimes, Exclude = Excluded, MeansOnly = true,
    };

    /// <summary>Fastest of the selected runtimes on a case, in ms, straight from the CSV means of <paramref name="metric"/>.</summary>
    public static double FastestMs(string caseName, string metric) =>
        Means.Where(m => m.Case == caseName && m.Metric == metric && Runtimes.Contains(m.Runtime)).Min(m => m.MeanMicroseconds) / 1000;

    /// <summary>
    /// The issue's check of the robust top 15: fasta/wasmer, both methcalls on wasmedge_aot, random/wasmtime,
    /// at least two of flops-*/gemm/2mm/3mm on iwasm, and no case whose fastest runtime is under 100 ms.
    /// </summary>
    public static void AssertExpectedTop15(IReadOnlyList<(string Case, string Runtime)> top15, string metric)
    {
        Assert.Equal(15, top15.Count);
        Assert.Contains(("BenchmarkGame-fasta", "wasmer"), top15);
        Assert.Contains(("Shootout-methcall", "wasmedge_aot"), top15);
        Assert.Contains(("Shootout-C++-methcall", "wasmedge_aot"), top15);
        Assert.Contains(("Shootout-random", "wasmtime"), top15);
        var iwasmKernels = top15.Count(f => f.Runtime == "iwasm" && (f.Case.Contains("-flops-", StringComparison.Ordinal)
            || new[] { "-gemm", "-2mm", "-3mm" }.Any(k => f.Case.EndsWith(k, StringComparison.Ordinal))));
        Assert.True(iwasmKernels >= 2, $"only {iwasmKernels} flops/gemm/2mm/3mm findings on iwasm in the top 15: {string.Join("; ", top15)}");
        foreach (var (caseName, _) in top15)
            Assert.True(FastestMs(caseName, metric) >= 100, $"{caseName} runs under 100 ms on its fastest runtime");
    }
}
