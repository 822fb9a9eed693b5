using System.Text;

namespace WasmPerfDiff.Host;

/// <summary>
/// Every file the tool writes goes through here: the path is checked before any work starts (empty, a directory,
/// under a regular file, under /proc, /sys or /dev, a folder that cannot be created or written), and the file is
/// written to a temporary name beside it and renamed into place, so a failure never leaves a partial or 0-byte file.
/// Problems are <see cref="BadInputException"/>s naming the path and the request field.
/// </summary>
public static class OutputPaths
{
    private static readonly string[] PseudoFileSystems = ["/proc", "/sys", "/dev"];

    /// <summary>The full path of an output file, with its folder created and known to be writable.</summary>
    public static string PrepareFile(string? path, string field)
    {
        var full = FullPath(path, field);
        if (Directory.Exists(full)) throw new BadInputException($"'{path}' is a directory; name a file", field);
        if (Encoding.UTF8.GetByteCount(Path.GetFileName(full)) > 255) throw new BadInputException($"the file name of '{Shorten(path!)}' is longer than 255 bytes", field);
        PrepareDirectoryOf(full, path!, field);
        return full;
    }

    /// <summary>The full path of an output folder, created and known to be writable.</summary>
    public static string PrepareDirectory(string? path, string field)
    {
        var full = FullPath(path, field);
        if (File.Exists(full)) throw new BadInputException($"'{path}' is a file; name a folder", field);
        CreateWritableDirectory(full, path!, field);
        return full;
    }

    /// <summary>Checks an output folder without creating it: a rejected command leaves no empty folder behind.
    /// The nearest folder that exists must take a new file; <see cref="PrepareDirectory"/> creates the rest
    /// when there is something to write.</summary>
    public static string CheckDirectory(string? path, string field)
    {
        var full = FullPath(path, field);
        if (File.Exists(full)) throw new BadInputException($"'{path}' is a file; name a folder", field);
        ProbeWritable(NearestExistingFolder(full, path!, field), path!, field);
        return full;
    }

    /// <summary>Writes a file atomically (temporary file in the same folder, then rename).</summary>
    public static string Write(string path, string field, Action<Stream> write)
    {
        var full = PrepareFile(path, field);
        var tmp = TempBeside(full);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot write '{path}': {e.Message}", field);
        }
        finally
        {
            TryDelete(tmp);
        }
    }

    public static string WriteText(string path, string field, string text) =>
        Write(path, field, s => s.Write(new UTF8Encoding(false).GetBytes(text)));

    public static string WriteText(string path, string field, Action<TextWriter> write) =>
        Write(path, field, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true);
            write(w);
        });

    private static string FullPath(string? path, string field)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new BadInputException("an empty path is not an output file", field);
        if (path.Contains('\0')) throw new BadInputException("a path may not contain a NUL character", field);
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new BadInputException($"'{path}' is not a usable path: {e.Message}", field);
        }
        if (full.Split('/').Any(part => Encoding.UTF8.GetByteCount(part) > 255))
            throw new BadInputException($"'{Shorten(path)}' has a folder or file name longer than 255 bytes", field);
        foreach (var fs in PseudoFileSystems)
            if (full == fs || full.StartsWith(fs + "/", StringComparison.Ordinal))
                throw new BadInputException($"'{path}' is under {fs}, where no output file belongs", field);
        return full;
    }

    private static void PrepareDirectoryOf(string full, string shown, string field)
    {
        var dir = Path.GetDirectoryName(full) ?? throw new BadInputException($"'{shown}' has no folder", field);
        CreateWritableDirectory(dir, shown, field);
    }

    /// <summary>The folder itself or its nearest ancestor that exists. A regular file anywhere up the path is named,
    /// instead of the system's "Not a directory".</summary>
    private static string NearestExistingFolder(string dir, string shown, string field)
    {
        var d = dir;
        while (!Directory.Exists(d))
        {
            if (File.Exists(d)) throw new BadInputException($"cannot write '{shown}': '{d}' is a file, not a folder", field);
            d = Path.GetDirectoryName(d) ?? "/";
        }
        return d;
    }

    private static void CreateWritableDirectory(string dir, string shown, string field)
    {
        NearestExistingFolder(dir, shown, field);
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot create the folder of '{shown}': {e.Message}", field);
        }
        ProbeWritable(dir, shown, field);
    }

    // Probe that the folder takes a new file now, not after an hour of measuring.
    private static void ProbeWritable(string dir, string shown, string field)
    {
        var probe = TempBeside(Path.Combine(dir, "probe"));
        try { using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None)) { } }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot write into the folder of '{shown}' ({dir}): {e.Message}", field);
        }
        finally { TryDelete(probe); }
    }

    private static string TempBeside(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".wasm-perfdiff-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
