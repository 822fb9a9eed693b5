using System.Runtime.InteropServices;

namespace WasmPerfDiff.Host.Processes;

/// <summary>
/// The measured-process launcher (<c>launcher.c</c>, shipped as source inside this library and compiled on
/// first use with the system C compiler into a per-user cache). Why a native launcher rather than
/// posix_spawn of the runtime from .NET:
/// <list type="bullet">
/// <item>Max RSS: a child made by posix_spawn/vfork from the ~50 MB .NET tool enters execve with the tool's
/// address space, and the kernel's exec_mmap records that mm's RSS high-water mark into the new process's
/// maxrss, so <c>wait4</c> reported 56–62 MB for a 2.4 MB wasm3 run. The launcher is a few hundred kilobytes
/// and forks the runtime from itself: the inherited floor is its own RSS (about /usr/bin/time's).</item>
/// <item>Timing: wall time is read in the launcher right before fork and right after wait4, not after a .NET
/// task continuation, so thread creation and scheduling in the tool do not land in the measurement.</item>
/// <item>No orphans: the launcher is a child subreaper that kills the runtime's whole tree (setsid escapees
/// included) when the runtime exits, on the tool's request (timeout) and when the tool dies (lifeline EOF).</item>
/// </list>
/// Without a C compiler the tool falls back to spawning runtimes directly; max RSS is then unknown (0).
/// Set <c>WASM_PERFDIFF_LAUNCHER=off</c> to force that fallback.
/// </summary>
public static class Launcher
{
    public const string DisableVariable = "WASM_PERFDIFF_LAUNCHER";
    private const string ResourceName = "WasmPerfDiff.Host.Processes.launcher.c";

    private static readonly Lazy<(string? Path, string? Reason)> Built = new(Build);

    /// <summary>The compiled launcher, or null when it cannot be built or is disabled (see <see cref="UnavailableReason"/>).</summary>
    public static string? Path => Built.Value.Path;

    public static string? UnavailableReason => Built.Value.Reason;

    public static string Source => NativeHelper.Source(ResourceName);

    private static (string?, string?) Build()
    {
        if (Environment.GetEnvironmentVariable(DisableVariable) is "off" or "0" or "false")
            return (null, $"disabled by {DisableVariable}");
        if (!OperatingSystem.IsLinux())
            return (null, "the launcher needs Linux");
        return NativeHelper.Build(ResourceName, "launcher");
    }
}

/// <summary>
/// The tool's end of the lifeline: one pipe per tool process whose write end only the tool holds
/// (O_CLOEXEC, so no child inherits it). Each launcher gets the read end; when the tool dies, even by
/// SIGKILL, the kernel closes the write end and every launcher reads EOF and kills its tree.
/// </summary>
internal static class Lifeline
{
    private static readonly Lazy<int> ReadEnd = new(Create);

    public static int ReadFd => ReadEnd.Value;

    private static unsafe int Create()
    {
        int* fds = stackalloc int[2];
        if (Posix.pipe2(fds, Posix.O_CLOEXEC) != 0)
            throw new InvalidOperationException($"pipe2 failed (errno {Marshal.GetLastPInvokeError()})");
        return fds[0]; // fds[1] stays open, unreferenced, for the life of the process
    }
}
