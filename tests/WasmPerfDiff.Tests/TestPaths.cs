using System.IO.Compression;

namespace WasmPerfDiff.Tests;

/// <summary>Where the tests find the repository's files and their fixtures.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "WasmPerfDiff.Tests", "Fixtures");

    private static readonly Lazy<string> WarpDiffDir = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), $"perfdiff-warpdiff-{Environment.ProcessId}");
        if (!Directory.Exists(Path.Combine(dir, "profiling_data")))
            ZipFile.ExtractToDirectory(Path.Combine(Fixtures, "warpdiff", "profiling_data.zip"), dir, overwriteFiles: true);
        return dir;
    });

    /// <summary>The published WarpDiff data, unzipped once per test process; holds <c>profiling_data/</c>.</summary>
    public static string WarpDiffData => WarpDiffDir.Value;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
