using System.Diagnostics;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>The real CLI (<c>dotnet wasm-perfdiff.dll build</c>) as a user runs it.</summary>
public class BuildVerbProcessTests
{
    private static (int Exit, string Stdout, string Stderr) RunCli(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(entireProcessTree: true); throw new TimeoutException("wasm-perfdiff build"); }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Build_without_a_toolchain_exits_2_with_one_line_naming_the_packages()
    {
        var (exit, stdout, stderr) = RunCli(new Dictionary<string, string> { ["PATH"] = "/nonexistent" }, "build", "--out", CorpusPaths.NewTempDir("perfdiff-out-"));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32", line);
    }

    [Fact]
    public void Build_of_an_unknown_case_is_bad_usage()
    {
        var (exit, _, stderr) = RunCli(new Dictionary<string, string>(), "build", "--cases", "no-such-case", "--out", CorpusPaths.NewTempDir("perfdiff-out-"));
        Assert.Equal(2, exit);
        Assert.Contains("no-such-case", stderr);
    }

    [RequiresClangFact]
    public void Build_json_reports_each_case_and_a_second_run_comes_from_the_cache()
    {
        var env = new Dictionary<string, string> { ["WASM_PERFDIFF_CACHE"] = CorpusPaths.NewTempDir("perfdiff-cache-") };
        var outDir = CorpusPaths.NewTempDir("perfdiff-out-");
        var (exit, stdout, stderr) = RunCli(env, "build", "--cases", "fib,towers", "--native", "--out", outDir, "--json");
        Assert.True(exit == 0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("built").GetInt32());
        Assert.True(File.Exists(Path.Combine(outDir, "wasm", "O2", "fib.wasm")));
        Assert.True(File.Exists(Path.Combine(outDir, "native", "O2", "towers")));

        var (exit2, stdout2, _) = RunCli(env, "build", "--cases", "fib,towers", "--native", "--out", outDir, "--json");
        Assert.Equal(0, exit2);
        using var doc2 = System.Text.Json.JsonDocument.Parse(stdout2);
        Assert.Equal(2, doc2.RootElement.GetProperty("from_cache").GetInt32());
    }

    [RequiresClangFact]
    public void Build_never_runs_a_wasm_opt_found_on_path()
    {
        // clang -O2 runs wasm-opt after linking whenever it is on PATH; this one fails loudly if called.
        var fakeBin = CorpusPaths.NewTempDir("perfdiff-fakebin-");
        var wasmOpt = Path.Combine(fakeBin, "wasm-opt");
        File.WriteAllText(wasmOpt, "#!/bin/sh\necho fake wasm-opt was run >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wasmOpt, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string>
        {
            ["PATH"] = fakeBin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["WASM_PERFDIFF_CACHE"] = CorpusPaths.NewTempDir("perfdiff-cache-"),
        };
        var outDir = CorpusPaths.NewTempDir("perfdiff-out-");
        var (exit, _, stderr) = RunCli(env, "build", "--cases", "fib", "--out", outDir);
        Assert.True(exit == 0, stderr);
        Assert.Contains(WasmSections.Read(Path.Combine(outDir, "wasm", "O2", "fib.wasm")), s => s.CustomName == "name");
    }
}
