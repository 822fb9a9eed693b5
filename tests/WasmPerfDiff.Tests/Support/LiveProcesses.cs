namespace WasmPerfDiff.Tests.Support;

/// <summary>Processes on this machine, read from /proc: what a "nothing is left running" test looks for.</summary>
public static class LiveProcesses
{
    /// <summary>
    /// Every process but this one whose command line (arguments joined by NUL) contains <paramref name="text"/>. A zombie
    /// has an empty command line, so only processes still running are found.
    /// </summary>
    public static List<int> Mentioning(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var p) ? p : -1, Dir: d))
            .Where(x => x.Pid > 0 && x.Pid != Environment.ProcessId)
            .Where(x =>
            {
                try { return File.ReadAllText(Path.Combine(x.Dir, "cmdline")).Contains(text, StringComparison.Ordinal); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            })
            .Select(x => x.Pid).ToList();
}
