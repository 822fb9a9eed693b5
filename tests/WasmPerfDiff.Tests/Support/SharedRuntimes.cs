namespace WasmPerfDiff.Tests.Support;

/// <summary>The command-line runtimes built from source for tests in <c>../shared/runtimes</c> (beside the repository).</summary>
public static class SharedRuntimes
{
    public static string Dir => Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "runtimes", "bin"));

    /// <summary>The binary's path, or null when this machine has no such build.</summary>
    public static string? Find(string name) => Path.Combine(Dir, name) is var p && File.Exists(p) ? p : null;
}
