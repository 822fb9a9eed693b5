using System.Text.Json;
using Microsoft.Data.Sqlite;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Store;

/// <summary>
/// The database file as a file: its writer lock, its removal, and SQLite's and the file system's errors
/// turned into one line naming the file.
/// </summary>
internal static class StoreFile
{
    /// <summary>The full path of a database that must exist already, as a regular file (never a FIFO or a device:
    /// SQLite would block opening the one and destroy or misread the other).</summary>
    public static string Existing(string? path) => InputFile.RequireRegular(path, "Database", "campaign database");

    /// <summary>The full path of a database to continue writing: it exists and is not empty (an empty file holds no
    /// campaign, and opening it as a database would write a schema into a file that is not ours).</summary>
    public static string ExistingToContinue(string? path)
    {
        var full = Existing(path);
        if (FileFacts.Of(full) is { Size: 0 }) throw new BadInputException($"'{path}' is an empty file: it holds no campaign to continue", "Database");
        return full;
    }

    /// <summary>
    /// One writer per database: an exclusive advisory lock (flock) on the database file itself, held for as long
    /// as the store is open. The kernel drops it when the process ends, however it ends, so a killed writer never
    /// leaves the file stuck; readers do not take it. SQLite's own locks (fcntl) are independent of it.
    /// Only a regular file is opened, or a new one created; which of the two is remembered (by inode), because a
    /// writer may remove only a file it created itself, and an existing empty file it filled is emptied again.
    /// </summary>
    public static (FileStream Lock, WriterFile File) LockForWriting(string full, string shown)
    {
        if (FileFacts.Of(full) is { Kind: not FileKind.Regular } special)
            throw new BadInputException($"'{shown}' is {special.Describe()}, not a campaign database", "Database");
        try
        {
            FileStream stream;
            var created = true;
            try { stream = new FileStream(full, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (File.Exists(full))
            {
                stream = new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                created = false;
            }
            if (FileFacts.Of(stream.SafeFileHandle) is not { Kind: FileKind.Regular } facts)
            {
                stream.Dispose();
                throw new BadInputException($"'{shown}' is not a regular file (it changed while being opened)", "Database");
            }
            return (stream, new WriterFile(full, facts, created, File.GetLastWriteTimeUtc(stream.SafeFileHandle)));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(full) && IsSharingViolation(e))
        {
            throw new BadInputException($"'{shown}' is being written by another wasm-perfdiff process (a run, resume or import): wait for it to end, or use another database", "Database");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot open '{shown}' for writing: {e.Message}", "Database");
        }
    }

    private static bool IsSharingViolation(IOException e) =>
        e.HResult == 32 || e.HResult == unchecked((int)0x80070020) || e.Message.Contains("used by another process", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase);

    /// <summary>Which of a database's WAL files exist (before a reader opens it).</summary>
    public static (bool Wal, bool Shm) WalFiles(string full) => (File.Exists(full + "-wal"), File.Exists(full + "-shm"));

    /// <summary>
    /// A read-only connection to a WAL database creates its <c>-wal</c> and <c>-shm</c> files and cannot remove them.
    /// When this reader created them, they are empty and no writer holds the file (its lock is free), they go again,
    /// so reading leaves the folder as it was.
    /// </summary>
    public static void CleanAfterReader(string full, (bool Wal, bool Shm) before)
    {
        if (before.Wal || before.Shm) return;
        try
        {
            if (File.Exists(full + "-wal") && new FileInfo(full + "-wal").Length > 0) return;
            using var probe = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.None);
            File.Delete(full + "-wal");
            File.Delete(full + "-shm");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>An error met while opening or reading a database, as one line naming the file.</summary>
    public static Exception Describe(Exception e, string shown) => e switch
    {
        BadInputException => e,
        // A constraint failure is the caller's bug (a run stored twice), not the file's: it stays what it is.
        SqliteException { SqliteErrorCode: 19 } => e,
        SqliteException s => new BadInputException(s.SqliteErrorCode switch
        {
            11 => $"'{shown}' is damaged (integrity check failed: {Sqlite(s)}); restore it from a copy or re-run the campaign",
            26 => $"'{shown}' is not a SQLite database ({Sqlite(s)})",
            5 or 6 => $"'{shown}' is locked by another program ({Sqlite(s)})",
            8 => $"'{shown}' cannot be written ({Sqlite(s)})",
            13 => $"the disk holding '{shown}' is full ({Sqlite(s)})",
            14 => $"cannot open '{shown}' ({Sqlite(s)})",
            _ => $"'{shown}' is not a usable campaign database: {Sqlite(s)}",
        }, "Database"),
        IOException or UnauthorizedAccessException => new BadInputException($"cannot open '{shown}': {e.Message}", "Database"),
        _ => e,
    };

    /// <summary>SQLite's own words, without the "SQLite Error 11:" prefix.</summary>
    private static string Sqlite(SqliteException s)
    {
        var m = s.Message.ReplaceLineEndings(" ").Trim();
        if (m.StartsWith("SQLite Error", StringComparison.Ordinal) && m.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
            m = m[(colon + 2)..].Trim().TrimEnd('.');
        return m.Trim('\'', ' ');
    }

    /// <summary>Decodes one stored row; a value this version cannot read becomes bad input naming the row.</summary>
    public static T Row<T>(string shown, string table, Func<string> key, Func<T> decode)
    {
        try { return decode(); }
        catch (Exception e) when (e is FormatException or JsonException or InvalidCastException or OverflowException
                                      or ArgumentException or BadInputException or NotSupportedException or SqliteException)
        {
            var why = e is JsonException j ? JsonErrors.Describe("JSON", j).Message : e.Message.ReplaceLineEndings(" ");
            throw new BadInputException($"'{shown}' holds an unreadable {table} row ({key()}): {why}", "Database");
        }
    }
}
