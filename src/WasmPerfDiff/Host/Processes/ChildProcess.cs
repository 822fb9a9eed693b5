using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WasmPerfDiff.Host.Processes;

/// <summary>
/// Runs one child process the way a measurement needs: no shell, stdout and stderr drained concurrently
/// into <see cref="StreamDigest"/>s (never an unread pipe), stdin from a file, its own session (no controlling terminal) and process group.
/// <para>Normally through the <see cref="Launcher"/>: the tool posix_spawns the small native launcher, which
/// spawns the runtime once the tool says go, times it (spawn to wait4) and reports its rusage, and kills the
/// runtime's whole tree when it exits, on timeout, on cancellation and when the tool dies. Without the launcher (no C compiler)
/// the runtime is posix_spawned directly, the group killed on timeout and after reaping; max RSS is then
/// unknown (0), because wait4 of a posix_spawned child reports at least the tool's own RSS.</para>
/// </summary>
public static class ChildProcess
{
    private const int ReadBufferBytes = 64 * 1024;

    /// <summary>After the child is reaped, how long to wait for its pipes to reach EOF before giving up
    /// (without the launcher, a grandchild that escaped the process group could hold them open forever).</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    /// <summary>With the launcher: how long after asking it to kill the tree before killing the launcher itself.</summary>
    private static readonly TimeSpan LauncherGrace = TimeSpan.FromSeconds(5);

    /// <param name="stderrObserver">Sees every stderr chunk as it streams by (the guest-marker scanner), so
    /// nothing has to be kept to be examined afterwards.</param>
    /// <param name="stdoutObserver">Sees every stdout chunk likewise (a build tool's whole output, kept by <see cref="ToolProcess"/>).</param>
    public static Task<ProcessOutcome> RunAsync(ProcessSpec spec, Action<ReadOnlySpan<byte>>? stderrObserver = null,
        CancellationToken cancellationToken = default, Action<ReadOnlySpan<byte>>? stdoutObserver = null) =>
        Launcher.Path is string launcher
            ? RunLaunchedAsync(launcher, spec, stderrObserver, stdoutObserver, cancellationToken)
            : RunDirectAsync(spec, stderrObserver, stdoutObserver, cancellationToken);

    // One dedicated thread per run does everything: spawn, the go byte, then one poll() loop over stdout, stderr and
    // the report until all three reach EOF. No thread-pool work, timer or continuation runs while the runtime does:
    // on a 2-CPU machine such work beside a 1 ms run cost it ~0.2 ms (bench/exec-overhead).
    private static Task<ProcessOutcome> RunLaunchedAsync(string launcher, ProcessSpec spec, Action<ReadOnlySpan<byte>>? stderrObserver,
        Action<ReadOnlySpan<byte>>? stdoutObserver, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => RunLaunched(launcher, spec, stderrObserver, stdoutObserver, cancellationToken),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static unsafe ProcessOutcome RunLaunched(string launcher, ProcessSpec spec, Action<ReadOnlySpan<byte>>? stderrObserver,
        Action<ReadOnlySpan<byte>>? stdoutObserver, CancellationToken cancellationToken)
    {
        var stdout = new StreamDigest(spec.CaptureBytes);
        var stderr = new StreamDigest(spec.CaptureBytes);

        if (!TryCreatePipe(out var outRead, out var outWrite) || !TryCreatePipe(out var errRead, out var errWrite)
            || !TryCreatePipe(out var reportRead, out var reportWrite) || !TryCreatePipe(out var goRead, out var goWrite))
            return Failed(spec, stdout, stderr, $"pipe2 failed (errno {Marshal.GetLastPInvokeError()})");

        var pid = Spawn(spec with { Executable = launcher, Arguments = [spec.Executable, .. spec.Arguments] },
            outWrite, errWrite, [reportWrite, Lifeline.ReadFd, goRead], out var spawnError);
        Posix.close(outWrite);
        Posix.close(errWrite);
        Posix.close(reportWrite);
        Posix.close(goRead);
        if (pid <= 0)
        {
            foreach (var fd in (int[])[outRead, errRead, reportRead, goWrite]) Posix.close(fd);
            return Failed(spec, stdout, stderr, spawnError ?? "posix_spawn of the launcher failed");
        }

        // Timeout and cancellation ask the launcher to kill the tree (SIGTERM); it still reports the rusage.
        // Should it not finish within a grace period, it is killed itself (its subreaped tree then goes to init).
        var reaped = 0; // once the launcher is reaped its pid may be reused: no signal after that
        void AskToKill()
        {
            Posix.kill(pid, Posix.SIGTERM);
            Task.Delay(LauncherGrace).ContinueWith(_ => { if (Volatile.Read(ref reaped) == 0) Posix.kill(pid, Posix.SIGKILL); }, TaskScheduler.Default);
        }
        using var killOnCancel = cancellationToken.Register(() => { if (Volatile.Read(ref reaped) == 0) AskToKill(); });

        var report = new MemoryStream(); // a few hundred bytes: the launcher's one or two lines
        var deadline = Stopwatch.GetTimestamp() + (long)(spec.Timeout.TotalSeconds * Stopwatch.Frequency);
        var timedOut = false;
        long? drainDeadline = null; // set once the launcher is gone: pipes still open then belong to escaped processes
        var status = 0;
        var buffer = new byte[ReadBufferBytes];
        var polled = stackalloc Posix.PollFd[3];
        int[] fds = [reportRead, outRead, errRead];

        byte go = (byte)'g';
        Posix.write(goWrite, &go, 1);
        Posix.close(goWrite);

        while (fds.Any(fd => fd >= 0))
        {
            var count = 0;
            foreach (var fd in fds)
                if (fd >= 0) polled[count++] = new Posix.PollFd { Fd = fd, Events = Posix.POLLIN };
            var until = drainDeadline ?? (timedOut ? (long?)null : deadline);
            var waitMs = until is long u ? (int)Math.Clamp((u - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency + 1, 0, int.MaxValue) : -1;
            var ready = Posix.poll(polled, (nuint)count, waitMs);
            if (ready < 0 && Marshal.GetLastPInvokeError() == Posix.EINTR) continue;
            if (ready <= 0)
            {
                if (drainDeadline is not null) break; // an escaped grandchild holds stdout/stderr: stop reading
                if (!timedOut && Stopwatch.GetTimestamp() >= deadline) { timedOut = true; AskToKill(); }
                continue;
            }
            for (var i = 0; i < count; i++)
            {
                if ((polled[i].Revents & (Posix.POLLIN | Posix.POLLHUP | Posix.POLLERR)) == 0) continue;
                var slot = Array.IndexOf(fds, polled[i].Fd);
                int n;
                fixed (byte* b = buffer) n = (int)Posix.read(fds[slot], b, (nuint)buffer.Length);
                if (n < 0 && Marshal.GetLastPInvokeError() == Posix.EINTR) continue;
                if (n > 0)
                {
                    var chunk = buffer.AsSpan(0, n);
                    if (slot == 0) report.Write(chunk);
                    else if (slot == 1) { stdout.Append(chunk); stdoutObserver?.Invoke(chunk); }
                    else { stderr.Append(chunk); stderrObserver?.Invoke(chunk); }
                    continue;
                }
                Posix.close(fds[slot]);
                fds[slot] = -1;
                if (slot == 0)
                {
                    // The report reaches EOF when the launcher exits (the runtime never inherits it).
                    (status, _) = Reap(pid);
                    Volatile.Write(ref reaped, 1);
                    drainDeadline = Stopwatch.GetTimestamp() + (long)(DrainGrace.TotalSeconds * Stopwatch.Frequency);
                }
            }
        }
        foreach (var fd in fds) if (fd >= 0) Posix.close(fd);

        var launched = LauncherReport.Parse(System.Text.Encoding.UTF8.GetString(report.GetBuffer(), 0, (int)report.Length));
        if (launched.ExecErrno is int errno)
            return Failed(spec, stdout, stderr, $"cannot start ({Marshal.GetPInvokeErrorMessage(errno)})");
        if (launched.Done is not { } done)
            return Failed(spec, stdout, stderr, $"the launcher reported nothing (wait status {status}): {stderr.HeadText.Trim()}");

        var exited = Posix.WifExited(done.Status);
        var wallMs = (done.EndMonoNs - done.StartMonoNs) / 1_000_000.0;
        return new ProcessOutcome(
            ExitCode: exited ? Posix.WExitStatus(done.Status) : null,
            Signal: Posix.WifSignaled(done.Status) ? Posix.WTermSig(done.Status) : null,
            // A timeout is a child still running at the limit; the launcher's own clock and the exit status
            // tell a child that exited just before the limit from one that was still running.
            TimedOut: timedOut && !(exited && wallMs < spec.Timeout.TotalMilliseconds),
            WallMs: wallMs,
            UserMs: done.UTimeUs / 1000.0,
            SysMs: done.STimeUs / 1000.0,
            MaxRssKb: done.MaxRssKb,
            SpawnUnixNs: done.StartRealNs,
            ReapUnixNs: done.EndRealNs,
            Stdout: stdout,
            Stderr: stderr);
    }

    // posix_spawn + wait4 on one pid at a time per call; .NET's own SIGCHLD handling only reaps
    // children it started itself, so it never steals ours.
    private static async Task<ProcessOutcome> RunDirectAsync(ProcessSpec spec, Action<ReadOnlySpan<byte>>? stderrObserver,
        Action<ReadOnlySpan<byte>>? stdoutObserver, CancellationToken cancellationToken)
    {
        var stdout = new StreamDigest(spec.CaptureBytes);
        var stderr = new StreamDigest(spec.CaptureBytes);

        if (!TryCreatePipe(out var outRead, out var outWrite) || !TryCreatePipe(out var errRead, out var errWrite))
            return Failed(spec, stdout, stderr, $"pipe2 failed (errno {Marshal.GetLastPInvokeError()})");

        var spawnNs = Posix.RealtimeNs();
        var started = Stopwatch.GetTimestamp();
        var pid = Spawn(spec, outWrite, errWrite, [], out var spawnError);
        Posix.close(outWrite);
        Posix.close(errWrite);

        using var outStream = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(outRead, ownsHandle: true));
        using var errStream = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(errRead, ownsHandle: true));
        if (pid <= 0)
            return Failed(spec, stdout, stderr, spawnError ?? "posix_spawn failed");

        using var drainCancel = new CancellationTokenSource();
        var drainOut = DrainAsync(outStream, chunk => { stdout.Append(chunk); stdoutObserver?.Invoke(chunk); }, drainCancel.Token);
        var drainErr = DrainAsync(errStream, chunk => { stderr.Append(chunk); stderrObserver?.Invoke(chunk); }, drainCancel.Token);

        var timedOut = 0;
        using var killOnTimeout = new Timer(_ => { Interlocked.Exchange(ref timedOut, 1); Posix.kill(-pid, Posix.SIGKILL); },
            null, spec.Timeout, Timeout.InfiniteTimeSpan);
        using var killOnCancel = cancellationToken.Register(() => Posix.kill(-pid, Posix.SIGKILL));

        // The end time is taken on the reaping thread right after wait4 returns, not after the await
        // (thread start and continuation scheduling would otherwise be counted).
        var (status, usage, ended) = await Task.Factory.StartNew(() =>
            {
                var (st, ru) = Reap(pid);
                return (st, ru, Stopwatch.GetTimestamp());
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var wallMs = Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds;
        var reapNs = spawnNs + (long)(wallMs * 1_000_000);
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
            // Unknown: a posix_spawned (vfork) child's ru_maxrss is at least the tool's own RSS. 0 = not measured.
            MaxRssKb: 0,
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

    /// <param name="extraFds">Descriptors passed on as fds 3, 4, ... (the launcher's report pipe, lifeline and go pipe).</param>
    private static unsafe int Spawn(ProcessSpec spec, int stdoutFd, int stderrFd, IReadOnlyList<int> extraFds, out string? error)
    {
        error = null;
        // dup2 runs in order: a source that is itself a low target number would be overwritten first.
        var sources = extraFds.Select(fd => fd <= 2 + extraFds.Count ? Posix.fcntl(fd, Posix.F_DUPFD_CLOEXEC, 16) : fd).ToArray();
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
            for (var i = 0; i < sources.Length; i++)
                Posix.posix_spawn_file_actions_adddup2(fileActions, sources[i], 3 + i);
            if (spec.WorkingDirectory is not null)
                Posix.posix_spawn_file_actions_addchdir_np(fileActions, spec.WorkingDirectory);

            // Own session, hence own process group (pgid = pid), so a timeout kills the whole tree, and no
            // controlling terminal: a runtime cannot write to the user's terminal through /dev/tty or be stopped by
            // it (stdin is a file or /dev/null, never the tty). Default signal dispositions and an empty mask,
            // because .NET ignores SIGPIPE and exec keeps ignored signals.
            Posix.posix_spawnattr_init(attr);
            Posix.sigemptyset(emptySet);
            Posix.sigfillset(fullSet);
            Posix.posix_spawnattr_setsigmask(attr, emptySet);
            Posix.posix_spawnattr_setsigdefault(attr, fullSet);
            Posix.posix_spawnattr_setflags(attr, Posix.POSIX_SPAWN_SETSID | Posix.POSIX_SPAWN_SETSIGDEF | Posix.POSIX_SPAWN_SETSIGMASK);

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
            for (var i = 0; i < sources.Length; i++)
                if (sources[i] != extraFds[i]) Posix.close(sources[i]);
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
