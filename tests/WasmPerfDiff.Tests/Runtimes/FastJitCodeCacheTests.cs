using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Cli;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>WAMR Fast JIT's code cache: sized from the module, so a small module pays nothing for it and the 5 MiB
/// large-table module (which the default 10 MiB cannot hold) still runs.</summary>
public sealed class FastJitCodeCacheTests
{
    private static string Module(string name)
    {
        var corpus = CorpusSet.Locate();
        return WasmMaterializer.WasmPath(corpus, corpus.Find(name));
    }

    [Fact]
    public void A_small_module_gets_the_default_cache_and_a_large_one_a_cache_sized_from_it()
    {
        Assert.Empty(FastJitCodeCache.Options(Module("nbody")));
        var option = Assert.Single(FastJitCodeCache.Options(Module("large-table")));
        Assert.StartsWith("--jit-codecache-size=", option);
        var bytes = long.Parse(option["--jit-codecache-size=".Length..]);
        // large-table needs 19 MiB here (18 MiB fails with "allocate memory failed"); far below the 256 MiB of before.
        Assert.InRange(bytes, 19L << 20, 64L << 20);
        Assert.Equal(0, bytes % (1 << 20));
    }

    [RequiresSharedRuntimesFact]
    public async Task The_catalog_runs_large_table_and_leaves_the_option_out_for_nbody()
    {
        var fastJit = RuntimeCatalog.Load(SharedRuntimes.ConfigPath).Select(["iwasm-fast-jit"]).Single();
        var corpus = CorpusSet.Locate();

        var large = corpus.Find("large-table");
        var result = await fastJit.RunAsync(new RunRequest(Module("large-table"), large.Size("test").Args, TimeSpan.FromMinutes(2)));
        Assert.True(result.Status == RunStatus.Ok, $"{result.Status}: {result.Message}");

        var launch = await fastJit.PrepareAsync(new RunRequest(Module("nbody"), ["1000"], TimeSpan.FromSeconds(30)), new LaunchOptions());
        Assert.DoesNotContain(launch.Spec!.Arguments, a => a.StartsWith("--jit-codecache-size", StringComparison.Ordinal));
        var big = await fastJit.PrepareAsync(new RunRequest(Module("large-table"), ["1"], TimeSpan.FromSeconds(30)), new LaunchOptions());
        var at = big.Spec!.Arguments.ToList().FindIndex(a => a.StartsWith("--jit-codecache-size=", StringComparison.Ordinal));
        Assert.True(at >= 0 && at < big.Spec.Arguments.ToList().IndexOf(Module("large-table")), string.Join(' ', big.Spec.Arguments));
    }
}
