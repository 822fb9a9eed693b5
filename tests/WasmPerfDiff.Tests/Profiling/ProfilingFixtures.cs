namespace WasmPerfDiff.Tests.Profiling;

/// <summary>The profiling fixtures: <c>hot.c</c> (nearly all time in <c>hot_loop</c>) built to <c>hot.wasm</c> with its name section.</summary>
public static class ProfilingFixtures
{
    public static string Folder => Path.Combine(TestPaths.Fixtures, "profiling");
    public static string HotWasm => Path.Combine(Folder, "hot.wasm");

    /// <summary>Iterations of hot_loop for well under a second of run time on a JIT tier (about 1.4 s per 400 M here).</summary>
    public const string HotIterations = "150000000";

    /// <summary>A fresh folder, deleted with everything in it when disposed.</summary>
    public static TempFolder NewTempDir() => new(Directory.CreateTempSubdirectory("perfdiff-prof-test-").FullName);

    public sealed class TempFolder(string path) : IDisposable
    {
        public string Path { get; } = path;

        public static implicit operator string(TempFolder folder) => folder.Path;

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
        }
    }
}
