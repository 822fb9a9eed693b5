using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Tests.Corpus;

public class CorpusLocatorTests
{
    private static string CorpusWithManifest(string root)
    {
        var dir = Path.Combine(root, "corpus");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, CorpusManifest.FileName), """{"cases": []}""");
        return dir;
    }

    [Fact]
    public void Explicit_directory_wins_then_environment_then_shipped_copy_then_walking_up()
    {
        var root = CorpusPaths.NewTempDir("perfdiff-locate-");
        var explicitDir = Directory.CreateDirectory(Path.Combine(root, "mine")).FullName;
        var envDir = Directory.CreateDirectory(Path.Combine(root, "env")).FullName;
        var baseDir = Directory.CreateDirectory(Path.Combine(root, "tool")).FullName;
        var shipped = CorpusWithManifest(baseDir);
        var checkout = Directory.CreateDirectory(Path.Combine(root, "checkout")).FullName;
        var checkoutCorpus = CorpusWithManifest(checkout);
        var deep = Directory.CreateDirectory(Path.Combine(checkout, "a", "b")).FullName;
        var nowhere = Directory.CreateDirectory(Path.Combine(root, "nowhere")).FullName;

        Assert.Equal(explicitDir, CorpusLocator.TryLocate(explicitDir, envDir, baseDir, deep));
        Assert.Equal(envDir, CorpusLocator.TryLocate(null, envDir, baseDir, deep));
        Assert.Equal(shipped, CorpusLocator.TryLocate(null, null, baseDir, deep));
        Assert.Equal(checkoutCorpus, CorpusLocator.TryLocate(null, null, nowhere, deep));
        Assert.Equal(checkoutCorpus, CorpusLocator.TryLocate(null, null, deep, nowhere));
        Assert.Throws<BadInputException>(() => CorpusLocator.TryLocate(Path.Combine(root, "missing"), null, baseDir, deep));
        Assert.Throws<BadInputException>(() => CorpusLocator.TryLocate(null, Path.Combine(root, "missing"), baseDir, deep));
    }

    [Fact]
    public void The_corpus_shipped_beside_the_tests_is_found_and_complete()
    {
        var dir = CorpusLocator.TryLocate(null, null, AppContext.BaseDirectory, Path.GetTempPath());
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "corpus"), dir);
        var shipped = CorpusSet.Open(dir!);
        Assert.Equal(CorpusPaths.Repository.Cases.Select(c => c.Name), shipped.Cases.Select(c => c.Name));
        Assert.All(shipped.Cases, c => Assert.True(File.Exists(shipped.Resolve(c.Wasm)), c.Wasm));
    }
}
