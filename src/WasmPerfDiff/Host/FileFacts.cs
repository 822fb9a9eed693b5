using Microsoft.Win32.SafeHandles;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Host;

/// <summary>The type of a file system entry, as the kernel reports it.</summary>
public enum FileKind { Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Symlink, Other }

/// <summary>
/// What a path is on disk (type, device, inode, size), from statx. .NET's File.Exists answers true for a FIFO or a
/// device node, and opening one blocks or reads forever, so every user-given path is looked at through this first;
/// device + inode also tell when two paths name one file (after symlinks and hard links).
/// </summary>
public readonly record struct FileFacts(FileKind Kind, ulong Device, ulong Inode, long Size)
{
    /// <summary>The facts of a path, following symlinks unless <paramref name="followLinks"/> is false; null when nothing is there.</summary>
    public static FileFacts? Of(string path, bool followLinks = true) =>
        path.Length == 0 || path.Contains('\0') ? null : From(Posix.Stat(path, followLinks));

    /// <summary>The facts of an open file (fstat): what was really opened, whatever the path names now.</summary>
    public static FileFacts? Of(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return From(Posix.Stat("", followLinks: true, fd: (int)handle.DangerousGetHandle()));
        }
        finally { if (added) handle.DangerousRelease(); }
    }

    public bool IsSameFile(FileFacts other) => Device == other.Device && Inode == other.Inode;

    /// <summary>The kind in words, for a one-line refusal: "'x' is a FIFO (named pipe), not …".</summary>
    public string Describe() => Kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Symlink => "a symbolic link",
        _ => "a special file",
    };

    private static FileFacts? From((uint Mode, ulong Device, ulong Inode, long Size)? stat) => stat is not { } s ? null : new FileFacts(
        (s.Mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.Symlink,
            _ => FileKind.Other,
        }, s.Device, s.Inode, s.Size);
}
