using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Tests.Corpus;

public class ForeignCorpusTests
{
    private static string SomeModule => Path.Combine(CorpusPaths.Directory, "wasm", "O2", "nbody.wasm");

    [Fact]
    public void A_directory_of_modules_with_sidecars_becomes_a_corpus()
    {
        var dir = CorpusPaths.NewTempDir("perfdiff-foreign-");
        foreach (var name in new[] { "beta", "alpha", "gamma" }) File.Copy(SomeModule, Path.Combine(dir, name + ".wasm"));
        File.WriteAllText(Path.Combine(dir, "alpha.args"), "1000\n--flag with space\n");
        File.WriteAllText(Path.Combine(dir, "alpha.stdin"), "input");
        File.WriteAllText(Path.Combine(dir, "alpha.expected"), "hello\n");
        File.WriteAllText(Path.Combine(dir, "gamma.args"), "500\r\n");
        File.WriteAllText(Path.Combine(dir, "gamma.test.args"), "5\n");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a module");

        var set = CorpusSet.Open(dir);

        Assert.True(set.IsForeign);
        Assert.Equal(["alpha", "beta", "gamma"], set.Cases.Select(c => c.Name));
        var alpha = set.Find("alpha");
        Assert.Equal(["1000", "--flag with space"], alpha.Size("default").Args);
        Assert.Equal(alpha.Size("default").Args, alpha.Size("test").Args);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("hello\n"))), alpha.Size("default").StdoutSha256);
        Assert.Equal(Path.Combine(set.Directory, "alpha.stdin"), set.StdinPath(alpha));
        Assert.Equal(FileHash.Sha256Hex(SomeModule), alpha.WasmSha256);
        Assert.Equal(Path.Combine(set.Directory, "alpha.wasm"), WasmMaterializer.WasmPath(set, alpha));

        var beta = set.Find("beta");
        Assert.Empty(beta.Size("default").Args);
        Assert.Null(beta.Stdin);
        Assert.Null(beta.Size("default").StdoutSha256);

        var gamma = set.Find("gamma");
        Assert.Equal(["500"], gamma.Size("default").Args);
        Assert.Equal(["5"], gamma.Size("test").Args);
    }

    [Fact]
    public void A_directory_without_manifest_or_modules_is_bad_input()
    {
        var dir = CorpusPaths.NewTempDir("perfdiff-foreign-");
        var e = Assert.Throws<BadInputException>(() => CorpusSet.Open(dir));
        Assert.Contains(".wasm", e.Message);
        Assert.Throws<BadInputException>(() => CorpusSet.Open(Path.Combine(dir, "missing")));
    }

    [Fact]
    public void A_gzipped_module_is_decompressed_once_into_the_cache_and_verified()
    {
        var dir = CorpusPaths.NewTempDir("perfdiff-gz-");
        var cache = CorpusPaths.NewTempDir("perfdiff-cache-");
        using (var output = new GZipStream(File.Create(Path.Combine(dir, "m.wasm.gz")), CompressionLevel.Fastest))
        using (var input = File.OpenRead(SomeModule))
            input.CopyTo(output);
        var sha = FileHash.Sha256Hex(SomeModule);
        var c = new CorpusCase
        {
            Name = "m", Suite = "x", Wasm = "m.wasm.gz", WasmSha256 = sha,
            Sizes = new Dictionary<string, CaseSize> { ["test"] = new(["1"], null), ["default"] = new(["2"], null) },
        };
        var set = new CorpusSet(dir, [c], null);

        var path = WasmMaterializer.WasmPath(set, c, cache);
        Assert.Equal(Path.Combine(cache, "corpus", sha + ".wasm"), path);
        Assert.Equal(File.ReadAllBytes(SomeModule), File.ReadAllBytes(path));
        Assert.Equal(path, WasmMaterializer.WasmPath(set, c, cache));

        var wrong = c with { WasmSha256 = new string('0', 64) };
        var e = Assert.Throws<BadInputException>(() => WasmMaterializer.WasmPath(set, wrong, cache));
        Assert.Contains("SHA-256", e.Message);
        Assert.Single(System.IO.Directory.GetFiles(Path.Combine(cache, "corpus"))); // no half-written leftovers
    }
}
