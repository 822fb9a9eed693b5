using System.Text.Json;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>The foundation's "done when" checks, through the real CLI.</summary>
public class ExecCliTests
{
    private static readonly string[] EmbeddedTiers = ["wasmtime-cranelift", "wasmtime-cranelift-o0", "wasmtime-winch", "wasmtime-pulley"];
    private static readonly string[] V8Tiers = ["v8-turbofan", "v8-liftoff"];
    private static bool NodePresent => WasmPerfDiff.Host.ExecutableSearch.Find("node") is not null;

    [Fact]
    public void Doctor_lists_the_wasmtime_tiers_and_with_node_the_v8_tiers_as_available()
    {
        var r = CliProcess.Run("doctor", "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        var available = doc.GetProperty("runtimes").EnumerateArray()
            .Where(x => x.GetProperty("available").GetBoolean()).Select(x => x.GetProperty("name").GetString()).ToList();
        Assert.All(EmbeddedTiers.Concat(NodePresent ? V8Tiers : []), name => Assert.Contains(name, available));
        var missing = doc.GetProperty("runtimes").EnumerateArray().Where(x => !x.GetProperty("available").GetBoolean()).ToList();
        Assert.All(missing, x => Assert.False(string.IsNullOrEmpty(x.GetProperty("reason").GetString())));
        Assert.Contains(doc.GetProperty("toolchains").EnumerateArray(), t => t.GetProperty("name").GetString() == "clang");
    }

    [Fact]
    public void Hello_is_ok_everywhere_with_one_stdout_hash_and_compile_instantiate_execute_phases()
    {
        var r = CliProcess.Run("exec", TestModules.Wat("hello"), "--json");
        Assert.Equal(0, r.ExitCode);
        var runs = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("runs").EnumerateArray().ToList();
        var names = runs.Select(x => x.GetProperty("runtime").GetString()).ToHashSet();
        Assert.All(EmbeddedTiers.Concat(NodePresent ? V8Tiers : []), name => Assert.Contains(name, names));
        Assert.All(runs, run =>
        {
            Assert.Equal("ok", run.GetProperty("status").GetString());
            Assert.Equal(6, run.GetProperty("stdout_bytes").GetInt64());
            var phases = run.GetProperty("phases");
            foreach (var phase in new[] { "compile_ms", "instantiate_ms", "execute_ms" })
                Assert.True(phases.GetProperty(phase).GetDouble() >= 0, phase);
            Assert.True(run.GetProperty("max_rss_kb").GetInt64() > 1000, "max RSS comes from the kernel's accounting");
        });
        // sha256("hello\n")
        Assert.All(runs, run => Assert.Equal("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", run.GetProperty("stdout_sha256").GetString()));
    }

    [Fact]
    public void An_endless_loop_with_timeout_2_ends_as_timeout_within_4_seconds_and_leaves_no_process()
    {
        var wasm = TestModules.Wat("spin");
        foreach (var runtime in NodePresent ? ["wasmtime-cranelift", "v8-turbofan"] : new[] { "wasmtime-cranelift" })
        {
            var r = CliProcess.Run("exec", wasm, "--runtime", runtime, "--timeout", "2", "--json");
            Assert.Equal(1, r.ExitCode);
            var run = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("runs")[0];
            Assert.Equal("timeout", run.GetProperty("status").GetString());
            Assert.InRange(run.GetProperty("wall_ms").GetDouble(), 1900, 4000);
        }
        Assert.Empty(LiveProcesses.Mentioning(wasm));
    }

    [Fact]
    public void An_unknown_runtime_is_bad_usage_with_one_line_on_stderr()
    {
        var r = CliProcess.Run("exec", TestModules.Wat("hello"), "--runtime", "nonexistent");
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.TrimEnd().Split('\n'));
        Assert.Contains("nonexistent", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void An_invalid_or_missing_module_is_bad_usage_with_one_line_on_stderr()
    {
        var bogus = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bogus.wasm");
        File.WriteAllBytes(bogus, [0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0, 0xff, 0xff]);
        foreach (var file in new[] { bogus, bogus + ".missing", TestModules.FakeRuntime("segv.sh") })
        {
            var r = CliProcess.Run("exec", file);
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.Stderr.TrimEnd().Split('\n'));
            Assert.DoesNotContain("   at ", r.Stderr);
        }
    }
}
