using System.Diagnostics;

namespace WasmPerfDiff.Tests.Support;

/// <summary>The command-line runtimes built from source for tests in <c>../shared/runtimes</c> (beside the repository).</summary>
public static class SharedRuntimes
{
    public static string Dir => Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "runtimes", "bin"));

    private static readonly Lazy<bool> LibraryPathFixed = new(FixWasmEdgeLibraryPath);

    /// <summary>The binary's path, or null when this machine has no such build.</summary>
    public static string? Find(string name)
    {
        var path = Path.Combine(Dir, name);
        if (!File.Exists(path)) return null;
        if (name == "wasmedge") _ = LibraryPathFixed.Value;
        return path;
    }

    /// <summary>
    /// The shared WasmEdge build's <c>lib/libwasmedge.so.0</c> can arrive as a copied symlink (a 20-byte text file).
    /// Then the loader gets a directory of real symlinks through LD_LIBRARY_PATH, which every child inherits.
    /// </summary>
    private static bool FixWasmEdgeLibraryPath()
    {
        if (Runs(Path.Combine(Dir, "wasmedge"))) return false;
        var libs = Path.GetFullPath(Path.Combine(Dir, "..", "lib"));
        var target = Path.Combine(libs, "libwasmedge.so.0.1.1");
        if (!File.Exists(target)) return false;
        var fixedDir = Directory.CreateTempSubdirectory("perfdiff-wasmedge-lib-").FullName;
        foreach (var lib in Directory.GetFiles(libs))
            File.CreateSymbolicLink(Path.Combine(fixedDir, Path.GetFileName(lib)), lib);
        File.Delete(Path.Combine(fixedDir, "libwasmedge.so.0"));
        File.CreateSymbolicLink(Path.Combine(fixedDir, "libwasmedge.so.0"), target);
        var old = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        Environment.SetEnvironmentVariable("LD_LIBRARY_PATH", string.IsNullOrEmpty(old) ? fixedDir : $"{fixedDir}:{old}");
        return true;
    }

    private static bool Runs(string exe)
    {
        var psi = new ProcessStartInfo(exe, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0;
    }
}
