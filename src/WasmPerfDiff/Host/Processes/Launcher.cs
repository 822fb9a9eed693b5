using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

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

    public static string Source
    {
        get
        {
            using var s = typeof(Launcher).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing");
            return new StreamReader(s).ReadToEnd();
        }
    }

    /// <summary>The per-user cache directory: <c>$XDG_CACHE_HOME/wasm-perfdiff/launcher</c> (default <c>~/.cache</c>).</summary>
    public static string CacheRoot
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg)
                ? xdg
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return System.IO.Path.Combine(root, "wasm-perfdiff", "launcher");
        }
    }

    private static (string?, string?) Build()
    {
        if (Environment.GetEnvironmentVariable(DisableVariable) is "off" or "0" or "false")
            return (null, $"disabled by {DisableVariable}");
        if (!OperatingSystem.IsLinux())
            return (null, "the launcher needs Linux");
        try
        {
            var source = Source;
            var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..16];
            var dir = System.IO.Path.Combine(CacheRoot, hash);
            var binary = System.IO.Path.Combine(dir, "launcher");
            CreatePrivateDirectory(dir);
            if (Unsafe(dir) is string bad) return (null, bad);
            if (File.Exists(binary))
                return Unsafe(binary) is string badBinary ? (null, badBinary) : (binary, null);

            var compiler = new[] { "cc", "gcc", "clang" }.Select(c => ExecutableSearch.Find(c)).FirstOrDefault(c => c is not null);
            if (compiler is null)
                return (null, "no C compiler (cc, gcc or clang) on PATH to build the launcher (Debian: apt-get install gcc)");

            var tag = $"{Environment.ProcessId}.{Guid.NewGuid():N}";
            var src = System.IO.Path.Combine(dir, $"launcher.{tag}.c");
            var tmp = System.IO.Path.Combine(dir, $"launcher.{tag}.tmp");
            File.WriteAllText(src, source);
            try
            {
                // Static when libc.a is there: a smaller address space to fork from and no loader work per run.
                var error = Compile(compiler, ["-O2", "-static", "-o", tmp, src]);
                if (error is not null) error = Compile(compiler, ["-O2", "-o", tmp, src]);
                if (error is not null) return (null, $"{compiler} could not build the launcher: {error}");
                File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.Move(tmp, binary, overwrite: true); // rename(2): concurrent builders never see a half-written file
            }
            finally
            {
                File.Delete(src);
                File.Delete(tmp);
            }
            return (binary, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot build the launcher in {CacheRoot}: {e.Message}");
        }
    }

    private static string? Compile(string compiler, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(compiler) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(entireProcessTree: true); return "timed out"; }
        return p.ExitCode == 0 ? null : stderr.Result.Trim().Split('\n').LastOrDefault() ?? $"exit {p.ExitCode}";
    }

    private static void CreatePrivateDirectory(string dir)
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var parts = new Stack<string>();
        for (var d = dir; d is not null && !Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d)) parts.Push(d);
        foreach (var d in parts) Directory.CreateDirectory(d, Private);
    }

    /// <summary>Why a cached path must not be trusted (someone else owns it or may write it), or null.</summary>
    private static string? Unsafe(string path)
    {
        var owner = Posix.OwnerOf(path);
        if (owner != Posix.geteuid()) return $"{path} is not owned by this user: the launcher is not used";
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            return $"{path} is writable by others: the launcher is not used";
        return null;
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
