using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>The repository's corpus and a per-test temporary cache, so tests never touch the user's ~/.cache.</summary>
public static class CorpusPaths
{
    public static string Directory => Path.Combine(TestPaths.RepoRoot, "corpus");

    private static readonly Lazy<CorpusSet> Set = new(() => CorpusSet.Open(Directory));
    public static CorpusSet Repository => Set.Value;

    public static string NewTempDir(string prefix) => System.IO.Directory.CreateTempSubdirectory(prefix).FullName;
}
