using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WasmPerfDiff.Host.Processes;

/// <summary>
/// Runs one child process the way a measurement needs: posix_spawn into its own process group,
/// stdout and stderr drained concurrently into <see cref="StreamDigest"/>s (never an unread pipe),
/// the whole group killed on timeout and again after reaping (no stragglers), and CPU time and
/// max RSS taken from <c>wait4</c>'s rusage of the exited child.
/// </summary>
public static class ChildProcess
{
    private const int ReadBufferBytes = 64 * 1024;

    /// <summary>After the child is reaped, how long to wait for its pipes to reach EOF before giving up
    /// (a grandchild that escaped the process group could hold them open forever).</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    // posix_spawn + wait4 on one pid at a time per call; .NET's own SIGCHLD handling only reaps
    // children it started itself, so it never steals ours.
    /// <param name="stderrObserver">Sees every stderr chunk as it streams by (the guest-marker scanner), so
    /// nothing has to be kept to be examined afterwards.</param>
    public static async Task<ProcessOutcome> RunAsync(ProcessSpec spec, Action<ReadOnlySpan<byte>>? stderrObserver = null,
        CancellationToken cancellationToken = default)
    {
        var stdout = new StreamDigest(spec.CaptureBytes);
        var stderr = new StreamDigest(spec.CaptureBytes);

        if (!TryCreatePipe(out var outRead, out var outWrite) || !TryCreatePipe(out var errRead, out var errWrite))
            return Failed(spec, stdout, stderr, $"pipe2 failed (errno {Marshal.GetLastPInvokeError()})");

        var spawnNs = Posix.RealtimeNs();
        var started = Stopwatch.GetTimestamp();
        var pid = Spawn(spec, outWrite, errWrite, out var spawnError);
        Posix.close(outWrite);
        Posix.close(errWrite);

        using var outStream = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(outRead, ownsHandle: true));
        using var errStream = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(errRead, ownsHandle: true));
        if (pid <= 0)
            return Failed(spec, stdout, stderr, spawnError ?? "posix_spawn failed");

        using var drainCancel = new CancellationTokenSource();
        var drainOut = DrainAsync(outStream, chunk => stdout.Append(chunk), drainCancel.Token);
        var drainErr = DrainAsync(errStream, chunk => { stderr.Append(chunk); stderrObserver?.Invoke(chunk); }, drainCancel.Token);

        var timedOut = 0;
        using var killOnTimeout = new Timer(_ => { Interlocked.Exchange(ref timedOut, 1); Posix.kill(-pid, Posix.SIGKILL); },
            null, spec.Timeout, Timeout.InfiniteTimeSpan);
        using var killOnCancel = cancellationToken.Register(() => Posix.kill(-pid, Posix.SIGKILL));

        var (status, usage) = await Task.Factory.StartNew(() => Reap(pid), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var reapNs = Posix.RealtimeNs();
        killOnTimeout.Change(Timeout.Infinite, Timeout.Infinite);
        Posix.kill(-pid, Posix.SIGKILL); // anything the child left behind in its group

        drainCancel.CancelAfter(DrainGrace);
        try { await Task.WhenAll(drainOut, drainErr); }
        catch (OperationCanceledException) { }

        var exited = Posix.WifExited(status);
        return new ProcessOutcome(
            ExitCode: exited ? Posix.WExitStatus(status) : null,
            Signal: Posix.WifSignaled(status) ? Posix.WTermSig(status) : null,
            TimedOut: timedOut == 1,
            WallMs: wallMs,
            UserMs: usage.UTime.Sec * 1000.0 + usage.UTime.Usec / 1000.0,
            SysMs: usage.STime.Sec * 1000.0 + usage.STime.Usec / 1000.0,
            MaxRssKb: usage.MaxRss,
            SpawnUnixNs: spawnNs,
            ReapUnixNs: reapNs,
            Stdout: stdout,
            Stderr: stderr);
    }

    private static ProcessOutcome Failed(ProcessSpec spec, StreamDigest stdout, StreamDigest stderr, string error) =>
        new(null, null, false, 0, 0, 0, 0, 0, 0, stdout, stderr, $"{error}: {spec.Executable}");

    private static unsafe bool TryCreatePipe(out int read, out int write)
    {
        int* fds = stackalloc int[2];
        var ok = Posix.pipe2(fds, Posix.O_CLOEXEC) == 0;
        (read, write) = (fds[0], fds[1]);
        return ok;
    }

    private static unsafe (int Status, Posix.RUsage Usage) Reap(int pid)
    {
        int status;
        Posix.RUsage usage;
        while (Posix.wait4(pid, &status, 0, &usage) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Posix.EINTR) throw new InvalidOperationException($"wait4({pid}) failed with errno {errno}");
        }
        return (status, usage);
    }

    private static async Task DrainAsync(Stream stream, Action<ReadOnlySpan<byte>> sink, CancellationToken cancel)
    {
        var buffer = new byte[ReadBufferBytes];
        int n;
        while ((n = await stream.ReadAsync(buffer, cancel)) > 0)
            sink(buffer.AsSpan(0, n));
    }

    private static unsafe int Spawn(ProcessSpec spec, int stdoutFd, int stderrFd, out string? error)
    {
        error = null;
        var fileActions = NativeMemory.AllocZeroed(Posix.OpaqueSize);
        var attr = NativeMemory.AllocZeroed(Posix.OpaqueSize);
        var emptySet = NativeMemory.AllocZeroed(Posix.OpaqueSize);
        var fullSet = NativeMemory.AllocZeroed(Posix.OpaqueSize);
        var argv = ToNativeArray([spec.Executable, .. spec.Arguments]);
        var envp = ToNativeArray(BuildEnvironment(spec.Environment));
        try
        {
            Posix.posix_spawn_file_actions_init(fileActions);
            Posix.posix_spawn_file_actions_addopen(fileActions, 0, spec.StdinPath ?? "/dev/null", Posix.O_RDONLY, 0);
            Posix.posix_spawn_file_actions_adddup2(fileActions, stdoutFd, 1);
            Posix.posix_spawn_file_actions_adddup2(fileActions, stderrFd, 2);
            if (spec.WorkingDirectory is not null)
                Posix.posix_spawn_file_actions_addchdir_np(fileActions, spec.WorkingDirectory);

            // Own process group (pgid = pid) so a timeout kills the whole tree; default signal
            // dispositions and an empty mask, because .NET ignores SIGPIPE and exec keeps ignored signals.
            Posix.posix_spawnattr_init(attr);
            Posix.sigemptyset(emptySet);
            Posix.sigfillset(fullSet);
            Posix.posix_spawnattr_setpgroup(attr, 0);
            Posix.posix_spawnattr_setsigmask(attr, emptySet);
            Posix.posix_spawnattr_setsigdefault(attr, fullSet);
            Posix.posix_spawnattr_setflags(attr, Posix.POSIX_SPAWN_SETPGROUP | Posix.POSIX_SPAWN_SETSIGDEF | Posix.POSIX_SPAWN_SETSIGMASK);

            int pid;
            var rc = Posix.posix_spawn(&pid, spec.Executable, fileActions, attr, (nint*)argv, (nint*)envp);
            if (rc != 0)
            {
                error = $"cannot start ({Marshal.GetPInvokeErrorMessage(rc)})";
                return -1;
            }
            return pid;
        }
        finally
        {
            Posix.posix_spawn_file_actions_destroy(fileActions);
            Posix.posix_spawnattr_destroy(attr);
            NativeMemory.Free(fileActions);
            NativeMemory.Free(attr);
            NativeMemory.Free(emptySet);
            NativeMemory.Free(fullSet);
            FreeNativeArray(argv);
            FreeNativeArray(envp);
        }
    }

    private static IEnumerable<string> BuildEnvironment(IReadOnlyDictionary<string, string> overrides)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var (k, v) in overrides) env[k] = v;
        return env.Select(kv => $"{kv.Key}={kv.Value}");
    }

    private static unsafe nint* ToNativeArray(IEnumerable<string> strings)
    {
        var list = strings.ToList();
        var array = (nint*)NativeMemory.AllocZeroed((nuint)(list.Count + 1), (nuint)sizeof(nint));
        for (var i = 0; i < list.Count; i++) array[i] = Marshal.StringToCoTaskMemUTF8(list[i]);
        return array;
    }

    private static unsafe void FreeNativeArray(nint* array)
    {
        for (var p = array; *p != 0; p++) Marshal.FreeCoTaskMem(*p);
        NativeMemory.Free(array);
    }
}
