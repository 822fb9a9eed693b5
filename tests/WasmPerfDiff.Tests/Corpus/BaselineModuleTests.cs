using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Embedded;

namespace WasmPerfDiff.Tests.Corpus;

public sealed class BaselineModuleTests
{
    private static string Module(string name) => Path.Combine(TestPaths.RepoRoot, "corpus", "wasm", "O2", name + ".wasm");

    /// <summary>Function bodies of the code section, in order (the bytes of each entry after its size).</summary>
    private static List<byte[]> Bodies(byte[] module)
    {
        var bodies = new List<byte[]>();
        var i = 8;
        while (i < module.Length)
        {
            var id = module[i++];
            var size = (int)Leb(module, ref i);
            if (id == 10)
            {
                var j = i;
                var count = Leb(module, ref j);
                for (var k = 0; k < count; k++)
                {
                    var len = (int)Leb(module, ref j);
                    bodies.Add(module[j..(j + len)]);
                    j += len;
                }
            }
            i += size;
        }
        return bodies;
    }

    private static uint Leb(byte[] b, ref int i)
    {
        uint r = 0;
        for (var shift = 0; ; shift += 7)
        {
            var x = b[i++];
            r |= (uint)(x & 0x7F) << shift;
            if (x < 0x80) return r;
        }
    }

    [Theory]
    [InlineData("richards")]
    [InlineData("mandelbrot")]
    [InlineData("methcall-cpp")]
    public void Only_the_start_body_changes_and_the_result_is_a_valid_module(string name)
    {
        var original = File.ReadAllBytes(Module(name));
        var derived = BaselineModule.Derive(original, out var reason);
        Assert.True(derived is not null, reason);
        var a = Bodies(original);
        var b = Bodies(derived!);
        Assert.Equal(a.Count, b.Count);
        var changed = Enumerable.Range(0, a.Count).Where(k => !a[k].AsSpan().SequenceEqual(b[k])).ToList();
        Assert.Single(changed);
        Assert.Equal(new byte[] { 0x00, 0x0B }, b[changed[0]]);
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-baseline-").FullName, name + ".wasm");
        File.WriteAllBytes(path, derived!);
        ModuleCheck.EnsureValid(path);
    }

    [Fact]
    public async Task The_baseline_runs_and_prints_nothing_while_the_module_prints_its_checksum()
    {
        var baseline = BaselineModule.PathFor(Module("fib"), Directory.CreateTempSubdirectory("perfdiff-baseline-").FullName);
        Assert.NotNull(baseline);
        var rt = new EmbeddedWasmtimeRuntime(WasmtimeTier.Cranelift);
        var real = await rt.RunAsync(new RunRequest(Module("fib"), ["20"], TimeSpan.FromSeconds(60)));
        var empty = await rt.RunAsync(new RunRequest(baseline!, ["20"], TimeSpan.FromSeconds(60)));
        Assert.Equal(RunStatus.Ok, real.Status);
        Assert.Equal(RunStatus.Ok, empty.Status);
        Assert.True(real.StdoutBytes > 0);
        Assert.Equal(0, empty.StdoutBytes);
    }

    [Fact]
    public void A_module_without_start_has_no_baseline()
    {
        var reactor = Wasmtime.Module.ConvertText("(module (func (export \"run\")))");
        Assert.Null(BaselineModule.Derive(reactor, out var reason));
        Assert.Contains("_start", reason);
        Assert.Null(BaselineModule.Derive("not wasm"u8, out reason));
    }
}
