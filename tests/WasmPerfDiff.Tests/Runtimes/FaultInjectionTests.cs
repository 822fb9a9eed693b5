using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>Misbehaving runtimes (scripts that crash, hang, flood) and missing ones are classified, never fatal.</summary>
public class FaultInjectionTests
{
    // The fake runtimes cannot pass the hello probe run (that is their point): "probe": false.
    private static IRuntime UserRuntime(string name, params string[] command) =>
        RuntimeCatalog.Load(UserConfig.Write(new { name, command, probe = false })).Select([name]).Single();

    [Fact]
    public async Task A_runtime_dying_by_sigsegv_is_a_crash()
    {
        var r = await UserRuntime("segv", TestModules.FakeRuntime("segv.sh"), "{wasm}").RunAsync(new RunRequest(TestModules.Wat("hello"), [], TimeSpan.FromSeconds(30)));
        Assert.Equal(RunStatus.Crash, r.Status);
        Assert.Equal(11, r.Signal);
    }

    [Fact]
    public async Task A_hanging_runtime_is_a_timeout_and_its_children_are_killed_too()
    {
        var wasm = TestModules.Wat("hello");
        var r = await UserRuntime("hang", TestModules.FakeRuntime("hang.sh"), "{wasm}").RunAsync(new RunRequest(wasm, [], TimeSpan.FromSeconds(1)));
        Assert.Equal(RunStatus.Timeout, r.Status);
        Assert.InRange(r.WallMs, 900, 3000);
        var child = int.Parse(File.ReadAllText(wasm + ".child-pid").Trim());
        await Task.Delay(200);
        Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z "), $"child {child} survived the timeout");
    }

    [Fact]
    public async Task A_precompile_step_ends_at_the_runs_timeout_and_says_so()
    {
        var name = "slowaot";
        var runtime = RuntimeCatalog.Load(UserConfig.Write(new
        {
            name, probe = false, command = new[] { "cat", "{wasm}" },
            precompile = new[] { TestModules.FakeRuntime("slow-precompile.sh"), "{wasm}", "{out}" },
        })).Select([name]).Single();
        var r = await runtime.RunAsync(new RunRequest(TestModules.Wat("hello"), [], TimeSpan.FromSeconds(1)));
        Assert.Equal(RunStatus.Unsupported, r.Status);
        Assert.Contains("did not finish within the run's timeout (1 s)", r.Message);
    }

    [Fact]
    public async Task A_runtime_flooding_stderr_neither_deadlocks_nor_loses_the_count()
    {
        var r = await UserRuntime("flood", TestModules.FakeRuntime("flood-stderr.sh"), "{wasm}").RunAsync(new RunRequest(TestModules.Wat("hello"), [], TimeSpan.FromSeconds(60)));
        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal(300_000_000, r.StderrBytes);
        Assert.Equal(5, r.StdoutBytes);
    }

    [Fact]
    public async Task A_runtime_that_is_not_installed_is_unavailable_with_a_reason_and_its_runs_unsupported()
    {
        var runtime = UserRuntime("ghost", "/nonexistent/bin/ghost-wasm", "{wasm}", "{args}");
        var availability = runtime.Detect();
        Assert.False(availability.Available);
        Assert.Contains("ghost-wasm", availability.Reason);
        var r = await runtime.RunAsync(new RunRequest(TestModules.Wat("hello"), [], TimeSpan.FromSeconds(5)));
        Assert.Equal(RunStatus.Unsupported, r.Status);
        Assert.NotNull(r.Message);
    }

    [Fact]
    public void A_bad_config_file_is_a_usage_error_naming_the_problem()
    {
        var config = UserConfig.Write(new { name = "nowasm", command = new[] { "true" } });
        var e = Assert.Throws<BadInputException>(() => RuntimeCatalog.Load(config));
        Assert.Contains("{wasm}", e.Message);
    }
}
