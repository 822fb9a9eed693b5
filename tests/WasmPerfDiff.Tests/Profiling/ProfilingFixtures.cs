namespace WasmPerfDiff.Tests.Profiling;

/// <summary>The profiling fixtures: <c>hot.c</c> (nearly all time in <c>hot_loop</c>) built to <c>hot.wasm</c> with its name section.</summary>
public static class ProfilingFixtures
{
    public static string Folder => Path.Combine(TestPaths.Fixtures, "profiling");
    public static string HotWasm => Path.Combine(Folder, "hot.wasm");

    /// <summary>Iterations of hot_loop for well under a second of run time on a JIT tier (about 1.4 s per 400 M here).</summary>
    public const string HotIterations = "150000000";

    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"perfdiff-prof-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
