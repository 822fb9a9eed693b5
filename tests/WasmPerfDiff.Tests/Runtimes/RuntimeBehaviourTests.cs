using System.Security.Cryptography;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Tests.Support;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>How each built-in runtime reports what a program did: exit codes, traps, files, floods.</summary>
public class RuntimeBehaviourTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static IReadOnlyList<IRuntime> BuiltIn() =>
        RuntimeCatalog.Load().Available().Where(r => r.Engine is "wasmtime" or "v8").ToList();

    private static Task<RunResult[]> RunEverywhere(RunRequest request) =>
        Task.WhenAll(BuiltIn().Select(r => r.RunAsync(request)));

    [Fact]
    public async Task Proc_exit_7_is_exit_nonzero_with_code_7_everywhere()
    {
        var results = await RunEverywhere(new RunRequest(TestModules.Wat("exit7"), [], Limit));
        Assert.All(results, r => { Assert.Equal(RunStatus.ExitNonzero, r.Status); Assert.Equal(7, r.ExitCode); });
    }

    [Fact]
    public async Task Unreachable_is_a_trap_everywhere()
    {
        var results = await RunEverywhere(new RunRequest(TestModules.Wat("trap"), [], Limit));
        Assert.All(results, r => Assert.Equal(RunStatus.Trap, r.Status));
    }

    [Fact]
    public async Task A_file_in_the_preopened_directory_is_read_everywhere()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-dir-").FullName;
        var file = Path.Combine(dir, "input.txt");
        await File.WriteAllTextAsync(file, "payload from the host\n");
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        var results = await RunEverywhere(new RunRequest(TestModules.C("readfile"), [file], Limit, Dir: dir));
        Assert.All(results, r => { Assert.Equal(RunStatus.Ok, r.Status); Assert.Equal(expected, r.StdoutSha256); });
    }

    [Fact]
    public async Task A_stdin_file_reaches_the_guest_everywhere()
    {
        var input = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-stdin-").FullName, "in.txt");
        await File.WriteAllTextAsync(input, string.Concat(Enumerable.Repeat("line of stdin\n", 1000)));
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(input)));
        var results = await RunEverywhere(new RunRequest(TestModules.C("readfile"), [], Limit, StdinPath: input));
        Assert.All(results, r => { Assert.Equal(RunStatus.Ok, r.Status); Assert.Equal(expected, r.StdoutSha256); });
    }

    [Fact]
    public async Task A_precompile_step_runs_once_per_module_and_is_timed_apart()
    {
        if (ExecutableSearch.Find("node") is null) return;
        // A user-defined AOT runtime: "compiling" copies the module, running uses the copy ({out}).
        var config = UserConfig.Write(new
        {
            name = "copy-aot",
            precompile = new[] { "cp", "{wasm}", "{out}" },
            command = new[] { "node", "--no-warnings", WasmPerfDiff.Runtimes.Node.V8Runtime.RunnerPath, "--marks", "/dev/null", "--", "{out}", "{args}" },
            artifact_extension = ".wasm",
        });
        var runtime = RuntimeCatalog.Load(config).Select(["copy-aot"]).Single();
        var request = new RunRequest(TestModules.Wat("hello"), [], Limit);
        var first = await runtime.RunAsync(request);
        var second = await runtime.RunAsync(request);
        Assert.Equal(RunStatus.Ok, first.Status);
        Assert.Equal(6, first.StdoutBytes);
        Assert.True(first.Phases.AotCompileMs > 0);
        Assert.Equal(RunStatus.Ok, second.Status);
        Assert.Null(second.Phases.AotCompileMs);
    }

    [Fact]
    public async Task A_gigabyte_on_stdout_is_hashed_in_full_without_holding_it()
    {
        const long GiB = 1L << 30;
        var expected = ExpectedFloodHash();
        var before = Environment.WorkingSet;
        foreach (var runtime in BuiltIn().Where(r => r.Name is "wasmtime-cranelift" or "v8-turbofan"))
        {
            var r = await runtime.RunAsync(new RunRequest(TestModules.Wat("flood"), [], Limit));
            Assert.Equal(RunStatus.Ok, r.Status);
            Assert.Equal(GiB, r.StdoutBytes);
            Assert.Equal(expected, r.StdoutSha256);
        }
        Assert.True(Environment.WorkingSet - before < 100L << 20, "the harness must not hold the output in memory");
    }

    [Fact]
    public async Task Guest_markers_give_startup_execute_and_teardown_to_a_command_line_runtime()
    {
        // node + our runner, driven as a user-defined CLI runtime: its phases come only from the guest's markers.
        if (ExecutableSearch.Find("node") is null) return;
        var config = UserConfig.Write(new
        {
            name = "node-cli",
            command = new[] { "node", "--no-warnings", WasmPerfDiff.Runtimes.Node.V8Runtime.RunnerPath, "--marks", "/dev/null", "--", "{wasm}", "{args}" },
        });
        var runtime = RuntimeCatalog.Load(config).Select(["node-cli"]).Single();
        var r = await runtime.RunAsync(new RunRequest(TestModules.Wat("markers"), [], Limit));
        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.NotNull(r.Phases.StartupMs);
        Assert.NotNull(r.Phases.TeardownMs);
        Assert.True(r.Phases.ExecuteMs > 1, "the busy loop between the markers takes time");
        Assert.True(r.Phases.StartupMs + r.Phases.ExecuteMs + r.Phases.TeardownMs <= r.WallMs + 5, "phases fit inside the wall time");
        Assert.Null(r.Phases.CompileMs);
    }

    private static string ExpectedFloodHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = Enumerable.Repeat((byte)'x', 1 << 20).ToArray();
        for (var i = 0; i < 1024; i++) hash.AppendData(chunk);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
