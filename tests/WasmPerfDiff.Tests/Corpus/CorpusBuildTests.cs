using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Build;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>
/// Rebuilds the corpus from its sources into a fresh output and cache, and checks that native and wasm
/// outputs at the test size are the manifest's expected outputs. The large generated modules take about a
/// minute of clang each, so one of them is rebuilt (in its own class, to run beside this one).
/// </summary>
public class CorpusBuildTests
{
    private static CorpusSet Set => CorpusPaths.Repository;

    [RequiresClangFact]
    public async Task Build_from_scratch_reproduces_every_expected_output_and_a_rebuild_is_cached()
    {
        var names = Set.Cases.Where(c => !c.Large).Select(c => c.Name).ToList();
        var options = new BuildOptions
        {
            Native = true,
            OutDir = CorpusPaths.NewTempDir("perfdiff-build-"),
            CacheRoot = CorpusPaths.NewTempDir("perfdiff-cache-"),
            Cases = names,
        };

        var report = await CorpusBuilder.BuildAsync(Set, options);

        Assert.Equal(0, report.Failed);
        Assert.Equal(names.Count, report.Built);
        foreach (var r in report.Cases)
        {
            var c = Set.Find(r.Name);
            var test = c.Size(CorpusCase.TestSize);
            Assert.True(test.StdoutSha256 == OutputHash.Native(r.Native!, test.Args, Set.StdinPath(c)), $"{c.Name}: native output differs from the manifest");
            if (OutputHash.NodePath != null)
                Assert.True(test.StdoutSha256 == OutputHash.Wasm(r.Wasm!, test.Args, Set.StdinPath(c)), $"{c.Name}: wasm output differs from the manifest");
            Assert.Contains(WasmSections.Read(r.Wasm!), s => s.CustomName == "name");
        }

        File.Delete(report.Cases[0].Wasm!);
        var again = await CorpusBuilder.BuildAsync(Set, options);
        Assert.Equal(names.Count, again.FromCache);
        Assert.Equal(0, again.Built);
        Assert.True(File.Exists(again.Cases[0].Wasm)); // restored from the cache
    }

    [Fact]
    public async Task Missing_toolchain_names_the_debian_packages()
    {
        var e = await Assert.ThrowsAsync<BadInputException>(() => BuildToolchain.DetectAsync(WasmCompiler.Clang, pathVariable: "/nonexistent"));
        Assert.Contains("apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32", e.Message);
        var emcc = await Assert.ThrowsAsync<BadInputException>(() => BuildToolchain.DetectAsync(WasmCompiler.Emcc, pathVariable: "/nonexistent"));
        Assert.Contains("emcc", emcc.Message);
    }

    [Fact]
    public async Task A_foreign_corpus_cannot_be_built()
    {
        var dir = CorpusPaths.NewTempDir("perfdiff-foreign-");
        File.Copy(Path.Combine(CorpusPaths.Directory, "wasm", "O2", "fib.wasm"), Path.Combine(dir, "fib.wasm"));
        await Assert.ThrowsAsync<BadInputException>(() => CorpusBuilder.BuildAsync(CorpusSet.Open(dir), new BuildOptions { OutDir = dir }));
    }
}

/// <summary>One large generated module rebuilt from its generator (separate class so it runs in parallel with the rest).</summary>
public class LargeModuleBuildTests
{
    [RequiresClangFact]
    public async Task A_large_module_builds_from_its_generator_and_matches_the_manifest()
    {
        var set = CorpusPaths.Repository;
        var c = set.Cases.Where(x => x.Large).OrderBy(x => x.WasmCompileCpuS ?? double.MaxValue).First();
        // wasm only: a native build of the same 20 MB of C would double the time, and the manifest's hash is the native output.
        var report = await CorpusBuilder.BuildAsync(set, new BuildOptions
        {
            OutDir = CorpusPaths.NewTempDir("perfdiff-build-"),
            CacheRoot = CorpusPaths.NewTempDir("perfdiff-cache-"),
            Cases = [c.Name],
        });
        var r = Assert.Single(report.Cases);
        Assert.True(r.Ok, r.Error);
        var test = c.Size(CorpusCase.TestSize);
        if (OutputHash.NodePath != null) Assert.Equal(test.StdoutSha256, OutputHash.Wasm(r.Wasm!, test.Args, null));
        Assert.True(WasmSections.Read(r.Wasm!).Single(s => s.Id == WasmSections.CodeSectionId).Size >= 5L * 1024 * 1024);
    }
}
