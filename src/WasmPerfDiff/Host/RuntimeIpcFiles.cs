namespace WasmPerfDiff.Host;

/// <summary>
/// The .NET runtime of this very process makes three files in the temp folder at start, for debuggers and diagnostic
/// tools (<c>dotnet-diagnostic-PID-KEY-socket</c>, <c>clr-debug-pipe-PID-KEY-in</c> and <c>-out</c>; KEY is the process's
/// start time), and removes them only on a normal exit: a tool killed with SIGKILL left them behind, three per kill.
/// <c>DOTNET_EnableDiagnostics=0</c> prevents them but is read only from the environment, before any code of ours
/// runs (runtimeconfig.json has no such setting), so the tool removes its own three names at start instead: the
/// runtime keeps its open handles, nothing is left on disk. <c>WASM_PERFDIFF_DEBUG=1</c> keeps them, so that
/// dotnet-trace or a debugger can still attach.
/// </summary>
public static class RuntimeIpcFiles
{
    public static void RemoveOwn()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("WASM_PERFDIFF_DEBUG") is "1" or "true") return;
        if (StartTime() is not { } key) return;
        var stem = $"{Environment.ProcessId}-{key}";
        foreach (var name in (string[])[$"dotnet-diagnostic-{stem}-socket", $"clr-debug-pipe-{stem}-in", $"clr-debug-pipe-{stem}-out"])
        {
            try { File.Delete(Path.Combine(Path.GetTempPath(), name)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // a temp folder we cannot write: nothing was made there either
        }
    }

    /// <summary>Field 22 of /proc/self/stat (start time in clock ticks since boot): the runtime's disambiguation key.</summary>
    private static string? StartTime()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null; // fields after the command name start at field 3
        }
        catch (IOException) { return null; }
    }
}
