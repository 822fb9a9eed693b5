using System.Runtime.InteropServices;

namespace WasmPerfDiff.Host;

/// <summary>
/// The per-user cache folder: <c>$XDG_CACHE_HOME/wasm-perfdiff</c> (or <c>~/.cache/wasm-perfdiff</c>), created with mode
/// 0700 and used only when it is owned by this user and closed to others, so no other account can plant or swap
/// artifacts that this tool would then run (a shared, predictable folder under /tmp could be).
/// </summary>
public static partial class UserCache
{
    /// <summary>The sub-folder <paramref name="parts"/> of the cache, created 0700 and checked; throws <see cref="BadInputException"/> when unsafe.</summary>
    public static string Directory(params string[] parts)
    {
        var root = Root();
        var path = root;
        foreach (var part in new[] { "wasm-perfdiff" }.Concat(parts))
        {
            if (part.Length == 0 || part is "." or ".." || part.Contains('/') || part.Contains('\0'))
                throw new BadInputException($"'{part}' cannot name a cache folder");
            path = Path.Combine(path, part);
            EnsurePrivate(path);
        }
        return path;
    }

    private static string Root()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return xdg;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) throw new BadInputException("no home folder and no XDG_CACHE_HOME: nowhere to keep the per-user cache");
        return Path.Combine(home, ".cache");
    }

    private static void EnsurePrivate(string path)
    {
        try
        {
            if (!System.IO.Directory.Exists(path))
                System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot create the cache folder '{path}': {e.Message}");
        }
        if (!OperatingSystem.IsLinux()) return;
        var (uid, mode) = Owner(path);
        if (uid != geteuid())
            throw new BadInputException($"the cache folder '{path}' belongs to another user (uid {uid}): remove it or set XDG_CACHE_HOME");
        if ((mode & 0x1FF & ~0x1C0) != 0)
        {
            // Ours but open to others (made by an older version or by hand): close it.
            try { File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BadInputException($"the cache folder '{path}' is open to other users and cannot be closed: {e.Message}");
            }
        }
    }

    /// <summary>Owner uid and mode of a path (statx: one layout on every Linux architecture, unlike stat).</summary>
    private static unsafe (uint Uid, int Mode) Owner(string path)
    {
        const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
        const uint STATX_MODE = 0x2, STATX_UID = 0x8;
        var buf = stackalloc byte[256];
        if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_MODE | STATX_UID, buf) != 0)
            throw new BadInputException($"cannot inspect the cache folder '{path}' (errno {Marshal.GetLastPInvokeError()})");
        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid (offset 20), u32 gid, u16 mode (offset 28).
        return (*(uint*)(buf + 20), *(ushort*)(buf + 28));
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
