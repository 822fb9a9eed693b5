using WasmPerfDiff.Analysis;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Node;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>
/// Our own harness (issue 22, item 14): the gjs runner's WASI writes once per <c>fd_write</c> call however many iovecs
/// the guest passes, and a finding whose excess our runner's host calls can account for is marked "host layer: ours".
/// </summary>
public class HostLayerTests
{
    /// <summary>The installed WASI shim for gjs (installed once into a private data folder).</summary>
    private static readonly Lazy<string> Shim = new(() =>
    {
        var data = Directory.CreateTempSubdirectory("perfdiff-data-").FullName;
        var install = CliProcess.RunWith(null, TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["WASM_PERFDIFF_DATA"] = data, ["npm_config_cache"] = RuntimesInstallTests.NpmCache }, "runtimes", "install", "spidermonkey");
        Assert.True(install.ExitCode == 0, install.Stderr + install.Stdout);
        return Directory.GetDirectories(Path.Combine(data, "runtimes"), "spidermonkey@*").Single() + "/unpacked/package";
    });

    [RequiresGjsAndStraceFact]
    public async Task The_gjs_runner_writes_once_per_fd_write_call_not_once_per_iovec()
    {
        var wasm = TestModules.Wat("gather");
        var dir = Path.GetDirectoryName(wasm)!;
        var trace = Path.Combine(dir, "trace.txt");
        var spec = new ProcessSpec(WasmPerfDiff.Host.ExecutableSearch.Find("strace")!,
            ["-f", "-e", "trace=write", "-o", trace, WasmPerfDiff.Host.ExecutableSearch.Find("gjs")!, "-m", SpiderMonkeyRuntime.RunnerPath, Shim.Value,
             "--marks", Path.Combine(dir, "marks.json"), "--", wasm], TimeSpan.FromMinutes(1));
        var o = await ChildProcess.RunAsync(spec);
        Assert.True(o.ExitCode == 0, o.Stderr.HeadText);
        Assert.Equal(string.Concat(Enumerable.Repeat("abcd\n", 1000)), o.Stdout.HeadText);
        var writes = File.ReadLines(trace).Count(l => l.Contains("write(1, ", StringComparison.Ordinal));
        Assert.Equal(1000, writes);
    }

    private static RunResult Run(string runtime, double executeMs, long stdoutBytes) =>
        new(runtime, RunStatus.Ok, 0, null, executeMs + 20, executeMs, 1, 1024, stdoutBytes, "same", 0, "", new Phases(ExecuteMs: executeMs), DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_chatty_finding_on_our_runner_is_ours_and_the_same_on_nodes_wasi_or_a_quiet_case_is_the_engines()
    {
        RuntimeRecord[] runtimes =
        [
            new("spidermonkey", "spidermonkey", "default", "1.74", "gjs -m runner-gjs.js /x/browser_wasi_shim"),
            new("v8-turbofan", "v8", "turbofan", "20", "node runner.mjs"),
        ];
        // fasta-like: 1 MB of output in 300 ms; compute-only: 61 bytes in 300 ms. Both 3× slower than expected.
        var runs = new List<CaseRun>();
        foreach (var rt in new[] { "spidermonkey", "v8-turbofan" })
        for (var round = 1; round <= 3; round++)
        {
            runs.Add(new CaseRun("fasta", round, Run(rt, 300, 1_016_777)));
            runs.Add(new CaseRun("mandelbrot", round, Run(rt, 300, 61)));
        }
        Finding F(string c, string rt) => new(c, rt, 3, 2.5, 3.5, Verdict.Anomaly, FindingKind.Peer, "other", 3);
        var result = new AnalysisResult(AnalysisMethod.Robust, AnalysisPhase.Execution, 2, ["spidermonkey", "v8-turbofan"], 0, 0, 0, false, 1.5, null,
            [F("fasta", "spidermonkey"), F("mandelbrot", "spidermonkey"), F("fasta", "v8-turbofan")], [], null);

        var marked = HostLayerRule.Mark(result, runs, runtimes).Findings;
        Assert.Equal(HostLayer.Ours, marked[0].HostLayer);
        Assert.Contains("host layer: ours", marked[0].HostDetail);
        Assert.Null(marked[1].HostLayer); // our runner, but nothing to write: the engine's
        Assert.Null(marked[2].HostLayer); // Node's WASI is Node's: the finding stays V8's
        Assert.Contains("host layer: ours", WasmPerfDiff.Reporting.ReportFormat.Basis(marked[0]));
    }
}

/// <summary>A fact that needs gjs, strace and the npm registry (for the WASI shim), skipped with the reason otherwise.</summary>
public sealed class RequiresGjsAndStraceFactAttribute : FactAttribute
{
    public RequiresGjsAndStraceFactAttribute()
    {
        if (new RequiresNpmRegistryFactAttribute().Skip is { } noNpm) Skip = noNpm;
        else if (WasmPerfDiff.Host.ExecutableSearch.Find("gjs") is null) Skip = "gjs not found on PATH (Debian: apt-get install gjs)";
        else if (WasmPerfDiff.Host.ExecutableSearch.Find("strace") is null) Skip = "strace not found on PATH (it counts the runner's write calls)";
    }
}
