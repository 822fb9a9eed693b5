using WasmPerfDiff.Corpus;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Tests.Corpus;

public class CorpusManifestTests
{
    private const int MinOwnPrograms = 40;
    private const int MinSuites = 6;
    private const int MinLargeModules = 3;
    private const long LargeCodeBytes = 5L * 1024 * 1024;

    private static CorpusSet Set => CorpusPaths.Repository;

    [Fact]
    public void Manifest_has_at_least_forty_own_programs_in_six_suites()
    {
        var own = Set.Cases.Where(c => c.Source is not null && !c.Large).ToList();
        Assert.True(own.Count >= MinOwnPrograms, $"{own.Count} programs");
        Assert.True(Set.Cases.Select(c => c.Suite).Distinct().Count() >= MinSuites);
        foreach (var c in own)
        {
            Assert.True(File.Exists(Set.Resolve(c.Source!)), c.Source);
            Assert.StartsWith(c.Suite + "/", c.Source);
        }
    }

    [Fact]
    public void Every_source_file_of_the_corpus_is_a_case()
    {
        var sources = Set.Cases.Where(c => c.Source != null).Select(c => c.Source!).ToHashSet();
        var onDisk = System.IO.Directory.EnumerateFiles(Set.Directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".c") || f.EndsWith(".cpp"))
            .Select(f => Path.GetRelativePath(Set.Directory, f))
            .Where(f => !f.StartsWith("generators/") && !f.StartsWith("include/"));
        Assert.All(onDisk, f => Assert.Contains(f, sources));
    }

    [Fact]
    public void Every_case_has_a_committed_module_whose_sha256_matches_the_manifest()
    {
        var cache = CorpusPaths.NewTempDir("perfdiff-cache-");
        foreach (var c in Set.Cases)
        {
            var path = WasmMaterializer.WasmPath(Set, c, cache);
            Assert.Equal(c.WasmSha256, FileHash.Sha256Hex(path));
            Assert.Equal(c.WasmBytes, new FileInfo(path).Length);
        }
    }

    [Fact]
    public void Every_module_keeps_its_name_section_and_has_no_dwarf()
    {
        var cache = CorpusPaths.NewTempDir("perfdiff-cache-");
        foreach (var c in Set.Cases)
        {
            var sections = WasmSections.Read(WasmMaterializer.WasmPath(Set, c, cache));
            Assert.Contains(sections, s => s.CustomName == "name");
            Assert.DoesNotContain(sections, s => s.CustomName?.StartsWith(".debug") == true);
        }
    }

    [Fact]
    public void Each_known_trigger_is_covered_by_a_case()
    {
        foreach (var trigger in Triggers.All)
            Assert.Contains(Set.Cases, c => c.Triggers.Contains(trigger));
        Assert.All(Set.Cases.SelectMany(c => c.Triggers), t => Assert.Contains(t, Triggers.All));
    }

    [Fact]
    public void Every_case_has_test_and_default_sizes_with_expected_output_hashes()
    {
        foreach (var c in Set.Cases)
        {
            foreach (var size in new[] { CorpusCase.TestSize, CorpusCase.DefaultSize })
            {
                var s = c.Size(size);
                Assert.NotEmpty(s.Args);
                Assert.Matches("^[0-9a-f]{64}$", s.StdoutSha256!);
            }
            if (c.Stdin != null) Assert.True(File.Exists(Set.StdinPath(c)), c.Stdin);
        }
    }

    [Fact]
    public void Large_modules_have_five_megabytes_of_code_and_are_stored_gzipped()
    {
        var cache = CorpusPaths.NewTempDir("perfdiff-cache-");
        var large = Set.Cases.Where(c => c.Large).ToList();
        Assert.True(large.Count >= MinLargeModules);
        foreach (var c in large)
        {
            Assert.EndsWith(".wasm.gz", c.Wasm);
            Assert.NotNull(c.Generator);
            var code = WasmSections.Read(WasmMaterializer.WasmPath(Set, c, cache)).Single(s => s.Id == WasmSections.CodeSectionId);
            Assert.True(code.Size >= LargeCodeBytes, $"{c.Name}: code section {code.Size} bytes");
        }
    }

    [Fact]
    public void Saving_and_loading_a_manifest_keeps_every_case()
    {
        var dir = CorpusPaths.NewTempDir("perfdiff-manifest-");
        var path = Path.Combine(dir, CorpusManifest.FileName);
        Set.Manifest!.Save(path);
        var again = CorpusManifest.Load(path);
        Assert.Equal(Set.Cases.Select(c => c.Name), again.Cases.Select(c => c.Name));
        Assert.Equal(Set.Cases.Select(c => c.Size("default").StdoutSha256), again.Cases.Select(c => c.Size("default").StdoutSha256));
        Assert.Equal(Set.Cases.Select(c => string.Join(",", c.Triggers)), again.Cases.Select(c => string.Join(",", c.Triggers)));
    }
}
