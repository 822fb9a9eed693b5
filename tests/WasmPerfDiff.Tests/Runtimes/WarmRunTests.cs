using System.Security.Cryptography;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>The warm second run of the embedded Wasmtime worker and the V8 runner: both executions reported, the
/// process's output the first run's alone, stdin read again by the second; a command-line runtime says it cannot.</summary>
public class WarmRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static IReadOnlyList<IRuntime> Warmable() =>
        RuntimeCatalog.Load().Available().Where(r => r.Engine is "wasmtime" or "v8").ToList();

    [Fact]
    public async Task Both_runs_are_timed_and_stdout_holds_the_first_runs_output_only()
    {
        var input = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-warm-").FullName, "in.txt");
        await File.WriteAllTextAsync(input, string.Concat(Enumerable.Repeat("line of stdin\n", 1000)));
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(input)));
        var runtimes = Warmable();
        Assert.NotEmpty(runtimes); // the embedded Wasmtime tiers are always there
        try
        {
        foreach (var rt in runtimes)
        {
            Assert.True(rt.CanRunWarm, rt.Name);
            var w = await rt.RunWarmAsync(new RunRequest(TestModules.C("readfile"), [], Limit, StdinPath: input));
            Assert.True(w.Problem is null, $"{rt.Name}: {w.Problem}");
            Assert.Equal(RunStatus.Ok, w.Run.Status);
            Assert.Equal(expected, w.Run.StdoutSha256); // echoed once: the warm run's copy went nowhere
            Assert.True(w.ColdMs > 0 && w.WarmMs > 0, $"{rt.Name}: cold {w.ColdMs}, warm {w.WarmMs}");
        }
        }
        finally { Directory.Delete(Path.GetDirectoryName(input)!, recursive: true); }
    }

    [Fact]
    public async Task A_warm_run_that_traps_gives_no_warm_time_and_says_why()
    {
        var rt = RuntimeCatalog.Load().Select(["wasmtime-cranelift"])[0];
        var w = await rt.RunWarmAsync(new RunRequest(TestModules.Wat("trap"), [], Limit));
        Assert.Equal(RunStatus.Trap, w.Run.Status);
        Assert.Null(w.WarmMs);
        Assert.NotNull(w.Problem);
    }

    [Fact]
    public async Task A_command_line_runtime_cannot_run_warm_and_runs_once()
    {
        var cli = RuntimeCatalog.Load().All.First(r => r.Name == "wasm3");
        Assert.False(cli.CanRunWarm);
        var w = await cli.RunWarmAsync(new RunRequest(TestModules.Wat("exit7"), [], Limit));
        Assert.Null(w.WarmMs);
        Assert.Equal("wasm3 cannot be invoked warm", w.Problem);
    }
}
