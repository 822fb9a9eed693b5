namespace WasmPerfDiff.Host;

/// <summary>
/// One private temp directory per tool process (<c>$TMPDIR/perfdiff-run-PID</c>, mode 0700) for files that
/// children write for the tool, such as runners' side-channel marks. It is removed when the process exits
/// normally; a tool killed with SIGKILL cannot clean up, so every start first removes the directories of
/// tool processes that no longer exist. Nothing accumulates across killed runs.
/// </summary>
public static class ScratchDirectory
{
    private const string Prefix = "perfdiff-run-";

    private static readonly Lazy<string> Own = new(Create);

    public static string Path => Own.Value;

    /// <summary>A fresh file name inside the directory (the file itself is not created).</summary>
    public static string NewFile(string stem, string extension) =>
        System.IO.Path.Combine(Path, $"{stem}-{Guid.NewGuid():N}{extension}");

    /// <summary>Removes the scratch directories of tool processes that are gone; returns how many.</summary>
    public static int SweepStale()
    {
        var removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(dir)[Prefix.Length..], out var pid) || pid == Environment.ProcessId) continue;
            if (Directory.Exists($"/proc/{pid}")) continue; // alive (or the pid was reused: left for a later sweep)
            try { Directory.Delete(dir, recursive: true); removed++; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // another user's, or racing sweeper
        }
        return removed;
    }

    private static string Create()
    {
        SweepStale();
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Prefix + Environment.ProcessId);
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        };
        return dir;
    }
}
