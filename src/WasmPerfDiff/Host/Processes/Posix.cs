using System.Runtime.InteropServices;

namespace WasmPerfDiff.Host.Processes;

/// <summary>
/// The few libc calls the harness needs and .NET's Process class does not offer: spawning into a
/// fresh process group (so a timeout can kill the whole tree) and <c>wait4</c>, whose rusage is the
/// kernel's own accounting of the exited child (CPU time and max RSS). Linux x86_64/arm64 glibc layouts.
/// </summary>
internal static unsafe partial class Posix
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int F_DUPFD_CLOEXEC = 1030;
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;
    public const int EINTR = 4;

    /// <summary>glibc 2.26+: the child calls setsid(), a new session (and process group) with no controlling terminal.</summary>
    public const short POSIX_SPAWN_SETSID = 0x80;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;

    /// <summary>Opaque glibc objects; sized generously (glibc: attr 336 B, file actions 80 B, sigset 128 B).</summary>
    public const int OpaqueSize = 1024;

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeVal { public long Sec; public long Usec; }

    [StructLayout(LayoutKind.Sequential)]
    public struct RUsage
    {
        public TimeVal UTime;
        public TimeVal STime;
        public long MaxRss; // kilobytes on Linux
        public long IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec { public long Sec; public long Nsec; }

    public const short POLLIN = 0x1;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd { public int Fd; public short Events; public short Revents; }

    [LibraryImport("libc", SetLastError = true)] public static partial int pipe2(int* fds, int flags);
    [LibraryImport("libc", SetLastError = true)] public static partial int close(int fd);
    [LibraryImport("libc", SetLastError = true)] public static partial nint read(int fd, byte* buffer, nuint count);
    [LibraryImport("libc", SetLastError = true)] public static partial nint write(int fd, byte* buffer, nuint count);
    [LibraryImport("libc", SetLastError = true)] public static partial int poll(PollFd* fds, nuint count, int timeoutMs);
    [LibraryImport("libc", SetLastError = true)] public static partial int kill(int pid, int sig);
    [LibraryImport("libc", SetLastError = true)] public static partial int wait4(int pid, int* status, int options, RUsage* rusage);
    [LibraryImport("libc")] public static partial int clock_gettime(int clock, TimeSpec* ts);
    [LibraryImport("libc", SetLastError = true)] public static partial int fcntl(int fd, int cmd, int arg);
    [LibraryImport("libc")] public static partial uint geteuid();
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, byte* statxBuffer);

    /// <summary>The owner uid of a path (not following a final symlink), or uint.MaxValue when it cannot be read.
    /// statx's layout is the same on every architecture: stx_uid is the u32 at byte offset 20.</summary>
    public static uint OwnerOf(string path)
    {
        const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
        const uint STATX_UID = 0x8;
        var buffer = stackalloc byte[256];
        return statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_UID, buffer) == 0 ? *(uint*)(buffer + 20) : uint.MaxValue;
    }

    /// <summary>statx of a path (following symlinks unless <paramref name="followLinks"/> is false) or, with an empty path,
    /// of an open descriptor: (type and mode bits, device, inode, size); null when the file cannot be stat'ed.
    /// Offsets from linux/stat.h: stx_mode u16 at 28, stx_ino u64 at 32, stx_size u64 at 40, stx_dev_major/minor u32 at 136/140.</summary>
    public static (uint Mode, ulong Device, ulong Inode, long Size)? Stat(string path, bool followLinks, int fd = -100)
    {
        const int AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;
        const uint STATX_BASIC_STATS = 0x7ff;
        var flags = (followLinks ? 0 : AT_SYMLINK_NOFOLLOW) | (path.Length == 0 ? AT_EMPTY_PATH : 0);
        var b = stackalloc byte[256];
        if (statx(fd, path, flags, STATX_BASIC_STATS, b) != 0) return null;
        var device = ((ulong)*(uint*)(b + 136) << 32) | *(uint*)(b + 140);
        return (*(ushort*)(b + 28), device, *(ulong*)(b + 32), (long)*(ulong*)(b + 40));
    }

    [LibraryImport("libc")] public static partial int posix_spawn_file_actions_init(void* fa);
    [LibraryImport("libc")] public static partial int posix_spawn_file_actions_destroy(void* fa);
    [LibraryImport("libc")] public static partial int posix_spawn_file_actions_adddup2(void* fa, int fd, int newFd);
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)] public static partial int posix_spawn_file_actions_addopen(void* fa, int fd, string path, int oflag, int mode);
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)] public static partial int posix_spawn_file_actions_addchdir_np(void* fa, string path);
    [LibraryImport("libc")] public static partial int posix_spawnattr_init(void* attr);
    [LibraryImport("libc")] public static partial int posix_spawnattr_destroy(void* attr);
    [LibraryImport("libc")] public static partial int posix_spawnattr_setflags(void* attr, short flags);
    [LibraryImport("libc")] public static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);
    [LibraryImport("libc")] public static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);
    [LibraryImport("libc")] public static partial int sigemptyset(void* set);
    [LibraryImport("libc")] public static partial int sigfillset(void* set);
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)] public static partial int posix_spawn(int* pid, string path, void* fileActions, void* attr, nint* argv, nint* envp);

    /// <summary>CLOCK_REALTIME in nanoseconds: the clock the guest markers use (WASI realtime).</summary>
    public static long RealtimeNs()
    {
        TimeSpec ts;
        clock_gettime(0, &ts);
        return ts.Sec * 1_000_000_000L + ts.Nsec;
    }

    public static bool WifExited(int status) => (status & 0x7f) == 0;
    public static int WExitStatus(int status) => (status >> 8) & 0xff;
    public static bool WifSignaled(int status) => (status & 0x7f) != 0 && (status & 0x7f) != 0x7f;
    public static int WTermSig(int status) => status & 0x7f;
}
