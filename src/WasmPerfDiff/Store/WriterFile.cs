using WasmPerfDiff.Host;

namespace WasmPerfDiff.Store;

/// <summary>
/// The database file a writer opened, as it was then: its inode, whether this process created it, and whether it was
/// empty. Undoing a writer that stored nothing removes the file only when this process created it and the path still
/// names that same regular file; an existing empty file is emptied again instead. Nothing else is ever removed:
/// not a FIFO, a device node, or a user's file that took the name meanwhile.
/// </summary>
internal sealed record WriterFile(string Path, FileFacts Facts, bool CreatedHere, DateTime ModifiedUtc)
{
    private static readonly string[] JournalSuffixes = ["-wal", "-shm", "-journal"];

    public bool WasEmpty => Facts.Size == 0;

    /// <summary>Leaves the path as the writer found it: removed when created here, emptied when it was an empty file.
    /// The lock stream is the file's open descriptor (its inode, whatever the path names now).</summary>
    public void Undo(FileStream writerLock)
    {
        if (CreatedHere && StillHere()) TryDelete(Path);
        else if (!CreatedHere && WasEmpty)
        {
            writerLock.SetLength(0);
            File.SetLastWriteTimeUtc(writerLock.SafeFileHandle, ModifiedUtc);
        }
        else return;
        // SQLite's journal files of this database came with this writer: the file had no content for one to belong to.
        foreach (var suffix in JournalSuffixes)
            if (FileFacts.Of(Path + suffix, followLinks: false) is { Kind: FileKind.Regular }) TryDelete(Path + suffix);
    }

    /// <summary>True while the path still names the very file this writer opened (same device and inode, not a link).</summary>
    public bool StillHere() => FileFacts.Of(Path, followLinks: false) is { Kind: FileKind.Regular } now && now.IsSameFile(Facts);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
