using WasmPerfDiff.Tests.Support;
using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Tests.Profiling;

/// <summary>The <c>profile</c> verb end to end: the real CLI in a child process, real perf, real runtimes.</summary>
public class ProfileVerbTests
{
    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll");

    [Support.RequiresPerfFact]
    public void Wasmtime_against_node_writes_three_svgs_and_names_hot_loop_top_on_both()
    {
        using var outDir = ProfilingFixtures.NewTempDir();

        var (exit, stdout, stderr) = RunCli("profile", "--wasm", ProfilingFixtures.HotWasm, "--runtime", "wasmtime-cranelift", "--vs", "v8-turbofan",
            "--out", outDir, "--json", "--", ProfilingFixtures.HotIterations);

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        foreach (var side in new[] { "a", "b" })
        {
            var profile = json.RootElement.GetProperty(side);
            var top = profile.GetProperty("top_guest_functions").EnumerateArray().ToList();
            Assert.Equal("hot_loop", top[0].GetProperty("function").GetString());
            var guestSamples = top.Sum(f => f.GetProperty("self_samples").GetInt64());
            Assert.True(top[0].GetProperty("self_samples").GetInt64() > 0.9 * guestSamples, profile.ToString());
        }
        // node's symbol map names the tier: a TurboFan-only configuration runs TurboFan code.
        var tiers = json.RootElement.GetProperty("b").GetProperty("guest_tier_samples");
        Assert.True(tiers.GetProperty("turbofan").GetInt64() > 0, tiers.ToString());
        Assert.False(tiers.TryGetProperty("liftoff", out _), tiers.ToString());
        Assert.Empty(json.RootElement.GetProperty("a").GetProperty("guest_tier_samples").EnumerateObject());
        var svgs = Directory.GetFiles(outDir, "*.svg").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["v8-turbofan.svg", "wasmtime-cranelift-vs-v8-turbofan.diff.svg", "wasmtime-cranelift.svg"], svgs);
        foreach (var svg in Directory.GetFiles(outDir, "*.svg"))
            Assert.Contains(XDocument.Load(svg).Descendants(), e => e.Name.LocalName == "title" && e.Value.StartsWith("hot_loop ", StringComparison.Ordinal));
        Assert.Contains(File.ReadLines(Path.Combine(outDir, "v8-turbofan.folded")), l => l.Contains("hot_loop_[j]"));
    }

    [Support.RequiresPerfFact]
    public void A_corpus_case_runs_with_its_sidecar_arguments_on_one_runtime()
    {
        using var corpus = ProfilingFixtures.NewTempDir();
        File.Copy(ProfilingFixtures.HotWasm, Path.Combine(corpus, "hot.wasm"));
        File.WriteAllText(Path.Combine(corpus, "hot.args"), "60000000\n");
        var outDir = Path.Combine(corpus, "out");

        var (exit, stdout, stderr) = RunCli("profile", "--case", "hot", "--corpus", corpus, "--runtime", "v8-turbofan", "--out", outDir, "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["60000000"], json.RootElement.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("hot_loop", json.RootElement.GetProperty("a").GetProperty("top_guest_functions")[0].GetProperty("function").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("b").ValueKind);
        Assert.Equal(["v8-turbofan.folded", "v8-turbofan.svg"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
    }

    [Support.RequiresPerfFact]
    public void A_run_that_hits_the_timeout_still_yields_its_profile_and_leaves_no_process_behind()
    {
        using var outDir = ProfilingFixtures.NewTempDir();
        // About 7 s of hot_loop (wasm32 'long' caps the count below 2^31), stopped after 2 s.
        var iterations = (2_000_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, stdout, stderr) = RunCli("profile", "--wasm", ProfilingFixtures.HotWasm, "--runtime", "v8-turbofan", "--timeout", "2",
            "--out", outDir, "--json", "--", iterations);

        Assert.Equal(1, exit);
        Assert.Contains("did not finish within 2 s", stderr);
        using var json = JsonDocument.Parse(stdout);
        var a = json.RootElement.GetProperty("a");
        Assert.True(a.GetProperty("timed_out").GetBoolean());
        Assert.Equal("hot_loop", a.GetProperty("top_guest_functions")[0].GetProperty("function").GetString());
        Assert.Empty(LiveProcesses.Mentioning(iterations));
    }

    [Fact]
    public void Case_and_wasm_together_are_a_usage_error()
    {
        var (exit, _, stderr) = RunCli("profile", "--case", "x", "--wasm", ProfilingFixtures.HotWasm, "--runtime", "v8-turbofan");
        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void A_missing_perf_is_one_line_with_the_package_to_install()
    {
        // PATH without perf: the tool must say how to get it, not crash.
        var (exit, _, stderr) = RunCli(new Dictionary<string, string> { ["PATH"] = Path.GetDirectoryName(WorkerLauncher.DotnetHost!)! },
            "profile", "--wasm", ProfilingFixtures.HotWasm, "--runtime", "v8-turbofan");
        Assert.Equal(2, exit);
        Assert.Contains("apt-get install linux-perf", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    private static (int Exit, string Stdout, string Stderr) RunCli(params string[] args) => RunCli(new Dictionary<string, string>(), args);

    private static (int Exit, string Stdout, string Stderr) RunCli(Dictionary<string, string> env, params string[] args)
    {
        var info = new ProcessStartInfo(WorkerLauncher.DotnetHost!) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(CliDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("wasm-perfdiff profile did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
