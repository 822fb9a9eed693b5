using System.Diagnostics;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Host;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Node;
using WasmPerfDiff.Workflows;
using Xunit.Abstractions;

namespace WasmPerfDiff.Tests.Workflows;

/// <summary>
/// Findings on a case with no size argument (sha256 built with its size fixed, <c>-DPERFDIFF_BUILTIN_SIZE</c>, and no
/// .args, like PolyBench) are classed by a warm second run in the same process. Planted fixed cost: V8 TurboFan with
/// lazy compilation (V8's default), which compiles each function on its first call inside the execution phase, against
/// the eager TurboFan tier; it is the same code once compiled. Planted slow code: Wasmtime's Pulley interpreter against
/// Cranelift. Each finding's factor is the flagged cell's cold median over its peer's (its usual ratio taken as 1).
/// </summary>
public sealed class WarmExcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static CaseRecord NoSizeCase()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-nosize-").FullName;
        var wasm = Path.Combine(dir, "sha256.wasm");
        var psi = new ProcessStartInfo("clang") { RedirectStandardError = true };
        psi.Environment["PATH"] = "/usr/bin:/bin"; // no wasm-opt: clang would rewrite the code after linking
        foreach (var a in new[] { "--target=wasm32-wasi", "-O2", "-Wl,--strip-debug", "-I" + Path.Combine(TestPaths.RepoRoot, "corpus", "include"),
                     "-DPERFDIFF_NO_MARKERS", "-DPERFDIFF_BUILTIN_SIZE=100000", "-o", wasm, Path.Combine(TestPaths.RepoRoot, "corpus", "strings", "sha256.c") })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
        return new CaseRecord("sha256-nosize", "foreign", wasm, FileHash.Sha256Hex(wasm), []);
    }

    private static async Task<double> ColdMedian(IRuntime rt, CaseRecord c)
    {
        var ms = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var r = await rt.RunAsync(new RunRequest(c.WasmPath, c.Args, Limit));
            Assert.Equal(RunStatus.Ok, r.Status);
            ms.Add(r.Phases.ExecuteMs!.Value);
        }
        return RobustStats.Median(ms.ToArray());
    }

    private async Task<Finding> Classify(CaseRecord c, IRuntime flagged, IRuntime peer)
    {
        var factor = await ColdMedian(flagged, c) / await ColdMedian(peer, c);
        var finding = new Finding(c.Name, flagged.Name, factor, null, null, Verdict.Anomaly, FindingKind.Peer, peer.Name, 1);
        var analysis = new AnalysisResult(AnalysisMethod.Robust, AnalysisPhase.Execution, 1, [], 0, 0, 0, false, 1.5, null, [finding], [], null);
        var result = await ExcessClassification.ClassifyAsync(analysis, [c], [],
            new ExcessOptions { Runs = 5, Runtimes = [flagged, peer] });
        var f = result.Findings.Single();
        output.WriteLine($"{f.Runtime} vs {peer.Name}: {factor:0.00}×, excess {f.Excess}: {f.ExcessDetail}");
        return f;
    }

    [RequiresClangAndNodeFact]
    public async Task A_lazy_compile_inside_execution_is_fixed()
    {
        var lazy = new V8Runtime("turbofan", ["--no-liftoff"], suffix: "-lazy");
        var c = NoSizeCase();
        Finding f;
        try { f = await Classify(c, lazy, V8Runtime.TurboFan()); }
        finally { Directory.Delete(Path.GetDirectoryName(c.WasmPath)!, recursive: true); }
        Assert.Equal(ExcessClass.Fixed, f.Excess);
        Assert.Contains("no size argument; cold→warm", f.ExcessDetail);
    }

    [RequiresClangAndNodeFact]
    public async Task An_interpreter_is_slow_code_warm_or_cold_and_is_throughput()
    {
        var catalog = RuntimeCatalog.Load();
        var c = NoSizeCase();
        Finding f;
        try { f = await Classify(c, catalog.Select(["wasmtime-pulley"])[0], catalog.Select(["wasmtime-cranelift"])[0]); }
        finally { Directory.Delete(Path.GetDirectoryName(c.WasmPath)!, recursive: true); }
        Assert.Equal(ExcessClass.Throughput, f.Excess);
    }

    [Fact]
    public async Task A_command_line_runtime_without_a_size_argument_stays_unknown_and_says_why()
    {
        var c = new CaseRecord("nosize", "foreign", Support.TestModules.Wat("exit7"), "", []);
        var f = await ExcessEvidenceTests.ClassifyAlone(c, new Finding("nosize", "wasm3", 2, 1.8, 2.2, Verdict.Anomaly, FindingKind.Peer, "iwasm", 1));
        Assert.Equal(ExcessClass.Unknown, f.Excess);
        Assert.Equal("no size argument; wasm3 cannot be invoked warm", f.ExcessDetail);
    }
}

/// <summary>Which findings are classified, and that a class comes with its interval (issue 22, item 12).</summary>
public sealed class ExcessEvidenceTests
{
    /// <summary>Classifies one finding, alone in an analysis of one case.</summary>
    public static async Task<Finding> ClassifyAlone(CaseRecord c, Finding finding, ExcessOptions? options = null)
    {
        var analysis = new AnalysisResult(AnalysisMethod.Robust, AnalysisPhase.Execution, 1, [], 0, 0, 0, false, 1.5, null, [finding], [], null);
        return (await ExcessClassification.ClassifyAsync(analysis, [c], [], options ?? new ExcessOptions())).Findings.Single();
    }

    [Fact]
    public async Task An_undecided_finding_is_never_classified()
    {
        var c = new CaseRecord("nosize", "foreign", Support.TestModules.Wat("exit7"), "", []);
        var f = await ClassifyAlone(c, new Finding("nosize", "wasm3", 2, 1.2, 3.1, Verdict.Undecided, FindingKind.Peer, "iwasm", 1));
        Assert.Null(f.Excess);
        Assert.Null(f.ExcessDetail);
    }

    [Fact]
    public async Task Slow_code_on_the_embedded_interpreter_is_never_called_fixed_and_shows_the_share_interval()
    {
        var corpus = Corpus.CorpusPaths.Repository;
        var sieve = corpus.Find("sieve"); // linear in its size argument
        var c = new CaseRecord("sieve", sieve.Suite, corpus.Resolve(sieve.Wasm), "", sieve.Size(WasmPerfDiff.Corpus.CorpusCase.TestSize).Args);
        var catalog = RuntimeCatalog.Load();
        var (pulley, cranelift) = (catalog.Select(["wasmtime-pulley"])[0], catalog.Select(["wasmtime-cranelift"])[0]);
        // Pulley interprets what Cranelift compiles: its excess over Cranelift grows with the work. Factor 2 = "twice its usual ratio".
        var f = await ClassifyAlone(c, new Finding("sieve", pulley.Name, 2, 1.8, 2.2, Verdict.Anomaly, FindingKind.Peer, cranelift.Name, 1),
            new ExcessOptions { Runtimes = [pulley, cranelift], MaxRuns = 8 });
        // On a quiet machine the interval settles above ½ within a few reruns; on a loaded one the peer's growth (its
        // slope's denominator) is noisy and the interval may still straddle ½ at MaxRuns, or resamples leave no excess.
        // Never fixed; a class only with its interval; an unknown says which of the two kept it open.
        Assert.NotEqual(ExcessClass.Fixed, f.Excess);
        if (f.Excess == ExcessClass.Throughput)
        {
            Assert.True(f.ExcessShareLow >= 0.5, $"{f.ExcessShareLow}–{f.ExcessShareHigh}: {f.ExcessDetail}");
            Assert.Contains("95 % interval of the share", f.ExcessDetail);
        }
        else
        {
            Assert.Matches("straddles 50 %|resampled reruns leave no excess", f.ExcessDetail);
            Assert.Contains("8 reruns each", f.ExcessDetail); // it reran to MaxRuns before giving up
        }
    }
}

/// <summary>A fact skipped (with the reason) when clang for wasm32-wasi or node is missing.</summary>
public sealed class RequiresClangAndNodeFactAttribute : FactAttribute
{
    public RequiresClangAndNodeFactAttribute()
    {
        if (new WasmPerfDiff.Tests.Corpus.RequiresClangFactAttribute().Skip is { } noClang) Skip = noClang;
        else if (ExecutableSearch.Find("node") is null) Skip = "node not found on PATH (the V8 runner needs it)";
    }
}
