using System.Text;

namespace WasmPerfDiff.Host;

/// <summary>
/// Every file a user names as an input is opened here: it must be a regular file (symlinks followed), checked before
/// the open (opening a FIFO blocks until a writer comes, perhaps never) and again on the open descriptor (the path may
/// have changed in between), and a file read whole must fit the bound its caller gives (a link to /dev/zero, a 40 GB
/// file named config.json). Problems are one-line <see cref="BadInputException"/>s naming the path and what it is.
/// </summary>
public static class InputFile
{
    /// <summary>Bounds for files read whole: JSON documents and sidecars, WebAssembly modules, WarpDiff CSVs.</summary>
    public const long TextMaxBytes = 64L << 20, ModuleMaxBytes = 1L << 30, TableMaxBytes = 512L << 20;

    /// <summary>The full path of an existing regular file; <paramref name="what"/> names it in the refusal ("campaign database").</summary>
    public static string RequireRegular(string? path, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new BadInputException($"an empty path is not a {what}", field);
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new BadInputException($"'{path}' is not a usable path: {e.Message}", field);
        }
        var facts = FileFacts.Of(full);
        if (facts is null)
            throw new BadInputException(FileFacts.Of(full, followLinks: false) is not null
                ? $"{what} '{path}' is a symbolic link to a missing file"
                : $"{what} '{path}' does not exist", field);
        if (facts.Value.Kind != FileKind.Regular) throw new BadInputException($"'{path}' is {facts.Value.Describe()}, not a {what}", field);
        return full;
    }

    /// <summary>Opens a regular file for reading, at most <paramref name="maxBytes"/> long.</summary>
    public static FileStream OpenRead(string path, string field, string what, long maxBytes)
    {
        var full = RequireRegular(path, field, what);
        FileStream stream;
        try { stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read {what} '{path}': {e.Message}", field);
        }
        var facts = FileFacts.Of(stream.SafeFileHandle);
        string? problem = facts is not { Kind: FileKind.Regular } f ? $"'{path}' is not a regular file (it changed while being opened)"
            : f.Size > maxBytes ? $"{what} '{path}' is {Bytes(f.Size)} bytes, more than the {Bytes(maxBytes)} it may be" : null;
        if (problem is null) return stream;
        stream.Dispose();
        throw new BadInputException(problem, field);
    }

    /// <summary>The whole content of a regular file of at most <paramref name="maxBytes"/> (also if it grows while read).</summary>
    public static byte[] ReadAllBytes(string path, string field, string what, long maxBytes)
    {
        using var stream = OpenRead(path, field, what, maxBytes);
        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + n > maxBytes) throw new BadInputException($"{what} '{path}' grew beyond the {Bytes(maxBytes)} bytes it may be while being read", field);
                buffer.Write(chunk, 0, n);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read {what} '{path}': {e.Message}", field);
        }
        return buffer.ToArray();
    }

    private static string Bytes(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The whole text of a regular file (UTF-8, or as its byte-order mark says).</summary>
    public static string ReadAllText(string path, string field, string what, long maxBytes = TextMaxBytes)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes(path, field, what, maxBytes)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
