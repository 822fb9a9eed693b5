namespace WasmPerfDiff.Host;

/// <summary>
/// The temp folder every measured run needs (scratch files, runners' side channels). When <c>TMPDIR</c> names a
/// folder that is missing, a file or not writable, every run would fail the same way and be stored as a harness
/// error; that is bad input about the environment, so a campaign checks it once before it starts or stores anything.
/// </summary>
public static class TempFolder
{
    /// <summary>Throws <see cref="BadInputException"/> (one line naming TMPDIR) unless a file can be created in the temp folder.</summary>
    public static void EnsureUsable()
    {
        var tmpdir = Environment.GetEnvironmentVariable("TMPDIR");
        var path = Path.GetTempPath();
        var named = string.IsNullOrEmpty(tmpdir) ? $"the temp folder '{path}'" : $"TMPDIR '{tmpdir}'";
        if (File.Exists(path.TrimEnd('/')) && !Directory.Exists(path))
            throw new BadInputException($"{named} is a file, not a folder: set TMPDIR to a writable folder");
        if (!Directory.Exists(path))
            throw new BadInputException($"{named} does not exist: set TMPDIR to a writable folder");
        var probe = Path.Combine(path, $"perfdiff-tmpcheck-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            // CreateNew: a file of our own, removed at once (never someone else's).
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"{named} is not writable ({e.Message}): set TMPDIR to a writable folder");
        }
    }
}
