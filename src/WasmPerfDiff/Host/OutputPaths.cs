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
        // Replacing a FIFO, a device node or a socket by a report would destroy what the user keeps there.
        if (FileFacts.Of(full) is { Kind: not FileKind.Regular } special)
            throw new BadInputException($"'{path}' is {special.Describe()}, not a regular file; name a file to write", field);
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

    /// <summary>
    /// Refuses an output that is the same file as an input (same device and inode, after symlinks and hard links):
    /// the report written over the campaign it reports on, for one. Two outputs that name one file are refused too,
    /// as the second would replace the first; a file that does not exist yet is known by its folder and name.
    /// </summary>
    public static void RefuseSameFile(IEnumerable<NamedPath> inputs, IEnumerable<NamedPath> outputs)
    {
        var taken = inputs.Where(i => i.Path is not null).Select(i => (Key: Identity(i.Path!), Named: i, Input: true)).Where(t => t.Key is not null).ToList();
        foreach (var output in outputs.Where(o => o.Path is not null))
        {
            var key = Identity(output.Path!);
            if (key is null) continue;
            var (_, named, input) = taken.FirstOrDefault(t => t.Key == key);
            if (named is not null)
                throw new BadInputException(input
                    ? $"'{output.Path}' is the same file as the input '{named.Path}' ({named.What}): writing the {output.What} there would destroy it; name another file"
                    : $"'{output.Path}' is named for both the {named.What} and the {output.What}; name another file for the {output.What}", output.Field);
            taken.Add((key, output, false));
        }
    }

    /// <summary>What names one file: device and inode when it exists, else its folder's device and inode and its name.</summary>
    private static string? Identity(string path)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return null; }
        if (FileFacts.Of(full) is { } file) return $"{file.Device}:{file.Inode}";
        var dir = Path.GetDirectoryName(full);
        return dir is not null && FileFacts.Of(dir) is { } folder ? $"{folder.Device}:{folder.Inode}/{Path.GetFileName(full)}" : full;
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

/// <summary>A path the user gave, the request field it came from and what it is ("campaign database", "HTML report").</summary>
public sealed record NamedPath(string? Path, string Field, string What);
