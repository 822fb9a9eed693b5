using System.Security.Cryptography;
using System.Text.Json;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>
/// Every catalog entry for wasm3, WAMR and WasmEdge, run for real on the builds in ../shared/runtimes:
/// arguments, stdin, preopened directories, exit codes, traps, stack sizes, guest markers, versions and
/// the probe that decides availability.
/// </summary>
public class SharedCliRuntimeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static IReadOnlyList<IRuntime> Shared() =>
        RuntimeCatalog.Load(SharedRuntimes.ConfigPath).Select(SharedRuntimes.Names);

    private static async Task<(IRuntime Runtime, RunResult Result)[]> RunEverywhere(RunRequest request) =>
        await Task.WhenAll(Shared().Select(async r => (r, await r.RunAsync(request))));

    private static void AllOk((IRuntime Runtime, RunResult Result)[] results, Action<RunResult> check)
    {
        foreach (var (runtime, result) in results)
        {
            try { check(result); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"{runtime.Name}: {result.Status} {result.Message}: {e.Message}"); }
        }
    }

    [RequiresSharedRuntimesFact]
    public void Every_shared_configuration_passes_its_probe_and_reports_its_version()
    {
        var catalog = RuntimeCatalog.Load(SharedRuntimes.ConfigPath);
        catalog.Available();
        var expected = new Dictionary<string, string>
        {
            ["wasm3"] = "Wasm3 v0.9.0", ["wasm3-compile"] = "Wasm3 v0.9.0",
            ["iwasm"] = "iwasm 2.4.3", ["iwasm-fast-jit"] = "iwasm 2.4.3", ["iwasm-classic"] = "iwasm 2.4.3",
            ["wasmedge"] = "0.0.0-unreleased",
        };
        foreach (var (name, version) in expected)
        {
            var d = catalog.All.Single(r => r.Name == name).Detect();
            Assert.True(d.Available, $"{name}: {d.Reason}");
            Assert.Contains(version, d.Version);
        }
    }

    [RequiresSharedRuntimesFact]
    public void A_mode_the_binary_was_not_built_with_is_not_offered_and_says_why()
    {
        var bin = Path.Combine(SharedRuntimes.Folder, "bin");
        // The fast-interpreter iwasm has no Fast JIT: the name alone must not make iwasm-fast-jit available,
        // nor iwasm-classic (its --interp is the fast interpreter there); LLVM JIT is in neither build.
        var config = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-cfg-").FullName, "c.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new { paths = new Dictionary<string, string> { ["iwasm"] = Path.Combine(bin, "iwasm") } }));
        var catalog = RuntimeCatalog.Load(config);
        catalog.Available();
        Assert.True(catalog.All.Single(r => r.Name == "iwasm").Detect().Available);
        foreach (var name in new[] { "iwasm-fast-jit", "iwasm-classic", "iwasm-llvm-jit" })
        {
            var d = catalog.All.Single(r => r.Name == name).Detect();
            Assert.False(d.Available, name);
            Assert.Contains("probe run exited 1", d.Reason);
        }
        var llvm = RuntimeCatalog.Load(SharedRuntimes.ConfigPath).All.Single(r => r.Name == "iwasm-llvm-jit").Detect();
        Assert.False(llvm.Available);
    }

    [RequiresSharedRuntimesFact]
    public void A_program_that_is_not_the_runtime_is_refused_by_the_probe_run()
    {
        // `true` answers --version and exits 0 on everything, but prints no "hello".
        var config = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-cfg-").FullName, "c.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new { paths = new Dictionary<string, string> { ["wasmtime"] = "/bin/true", ["wasm3"] = "/bin/sleep" } }));
        var catalog = RuntimeCatalog.Load(config);
        var started = DateTime.UtcNow;
        catalog.Available();
        var wasmtime = catalog.All.Single(r => r.Name == "wasmtime").Detect();
        Assert.False(wasmtime.Available);
        Assert.Contains("instead of \"hello\"", wasmtime.Reason);
        // sleep --version answers, sleep <module> fails at once: still a clear reason, no long wait.
        Assert.False(catalog.All.Single(r => r.Name == "wasm3").Detect().Available);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [RequiresSharedRuntimesFact]
    public void A_version_command_that_hangs_is_bounded_and_named()
    {
        var script = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-hang-").FullName, "hangs");
        File.WriteAllText(script, $"#!/bin/sh\nif [ \"$1\" = --version ]; then exec sleep 60; fi\nexec {Path.Combine(SharedRuntimes.Folder, "bin", "wasm3")} \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(Path.GetDirectoryName(script)!, "c.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new { paths = new Dictionary<string, string> { ["wasm3"] = script } }));
        var started = DateTime.UtcNow;
        var d = RuntimeCatalog.Load(config).All.Single(r => r.Name == "wasm3").Detect();
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        Assert.True(d.Available, d.Reason);
        Assert.Contains("did not answer within 3 s", d.Version);
    }

    [RequiresSharedRuntimesFact]
    public async Task Arguments_reach_the_guest_and_a_preopened_file_is_read()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-dir-").FullName;
        var file = Path.Combine(dir, "input with space.txt");
        await File.WriteAllTextAsync(file, "payload from the host\n");
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        AllOk(await RunEverywhere(new RunRequest(TestModules.C("readfile"), [file], Limit, Dir: dir)),
            r => { Assert.Equal(RunStatus.Ok, r.Status); Assert.Equal(expected, r.StdoutSha256); });
    }

    [RequiresSharedRuntimesFact]
    public async Task A_stdin_file_reaches_the_guest()
    {
        var input = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-stdin-").FullName, "in.txt");
        await File.WriteAllTextAsync(input, string.Concat(Enumerable.Repeat("line of stdin\n", 1000)));
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(input)));
        AllOk(await RunEverywhere(new RunRequest(TestModules.C("readfile"), [], Limit, StdinPath: input)),
            r => { Assert.Equal(RunStatus.Ok, r.Status); Assert.Equal(expected, r.StdoutSha256); });
    }

    [RequiresSharedRuntimesFact]
    public async Task A_missing_file_is_the_guests_own_exit_code_3()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-dir-").FullName;
        AllOk(await RunEverywhere(new RunRequest(TestModules.C("readfile"), [Path.Combine(dir, "absent")], Limit, Dir: dir)),
            r => { Assert.Equal(RunStatus.ExitNonzero, r.Status); Assert.Equal(3, r.ExitCode); });
    }

    [RequiresSharedRuntimesFact]
    public async Task Proc_exit_7_is_exit_nonzero_with_code_7() =>
        AllOk(await RunEverywhere(new RunRequest(TestModules.Wat("exit7"), [], Limit)),
            r => { Assert.Equal(RunStatus.ExitNonzero, r.Status); Assert.Equal(7, r.ExitCode); });

    [RequiresSharedRuntimesFact]
    public async Task Unreachable_is_a_trap() =>
        AllOk(await RunEverywhere(new RunRequest(TestModules.Wat("trap"), [], Limit)),
            r => Assert.Equal(RunStatus.Trap, r.Status));

    [RequiresSharedRuntimesFact]
    public async Task Recursion_deeper_than_the_default_64_KiB_stack_runs_with_the_catalogs_stack()
    {
        // 5000 frames of eight i64 locals: a stack overflow trap in iwasm's interpreters with their default
        // 64 KiB, fine with the catalog's 1 MiB. Fast JIT frames are bigger: it needs 4 MiB (catalog entry).
        var bare = await new WasmPerfDiff.Runtimes.Cli.CliRuntime(
            new("iwasm-bare", "wamr", "default", new(["iwasm", "{wasm}"])),
            new Dictionary<string, string> { ["iwasm"] = Path.Combine(SharedRuntimes.Folder, "bin", "iwasm") })
            .RunAsync(new RunRequest(TestModules.Wat("deep"), [], Limit));
        Assert.Equal(RunStatus.Trap, bare.Status);
        Assert.Contains("stack overflow", bare.Message);
        AllOk(await RunEverywhere(new RunRequest(TestModules.Wat("deep"), [], Limit)),
            r => { Assert.Equal(RunStatus.Ok, r.Status); Assert.Equal(5, r.StdoutBytes); });
    }

    [RequiresSharedRuntimesFact]
    public async Task Endless_recursion_is_a_trap_not_a_crash_except_on_wasmedge_which_runs_until_the_timeout()
    {
        // WasmEdge's interpreter (this build) has no call-depth bound: endless recursion grows its stack
        // (a minute of mostly system time, over 70 s by hand) instead of trapping, so only the timeout ends it.
        var results = await Task.WhenAll(Shared().Select(async r => (r, await r.RunAsync(new RunRequest(TestModules.Wat("overflow"), [], TimeSpan.FromSeconds(10))))));
        AllOk(results.Where(x => x.r.Engine != "wasmedge").ToArray(), r => Assert.Equal(RunStatus.Trap, r.Status));
        Assert.All(results.Where(x => x.r.Engine == "wasmedge"), x => Assert.Equal(RunStatus.Timeout, x.Item2.Status));
    }

    [RequiresSharedRuntimesFact]
    public async Task Guest_markers_give_startup_execute_and_teardown() =>
        AllOk(await RunEverywhere(new RunRequest(TestModules.Wat("markers"), [], Limit)), r =>
        {
            Assert.Equal(RunStatus.Ok, r.Status);
            Assert.NotNull(r.Phases.StartupMs);
            Assert.NotNull(r.Phases.TeardownMs);
            Assert.True(r.Phases.ExecuteMs > 0.1, "the busy loop between the markers takes time");
            Assert.True(r.Phases.StartupMs + r.Phases.ExecuteMs + r.Phases.TeardownMs <= r.WallMs + 5);
        });

    [RequiresSharedRuntimesFact]
    public async Task A_hanging_guest_is_killed_at_the_timeout()
    {
        var results = await Task.WhenAll(Shared().Select(r => r.RunAsync(new RunRequest(TestModules.Wat("spin"), [], TimeSpan.FromSeconds(1)))));
        Assert.All(results, r => { Assert.Equal(RunStatus.Timeout, r.Status); Assert.True(r.WallMs < 5000); });
    }
}
