using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Profiling;

/// <summary>How a child process ended: exit code, whether it was killed at the timeout, and the end of its stderr.</summary>
internal sealed record PerfProcessExit(int ExitCode, bool TimedOut, string StderrTail);

/// <summary>
/// Runs perf (argv list, never through a shell) with its stdout handed to a reader and its
/// stderr drained into a bounded tail, so neither pipe can fill up and block the child.
/// Measurement's ChildProcess keeps only a capped head of stdout, whereas <c>perf script</c>'s
/// whole output must stream into the parser: hence this small runner of its own.
/// </summary>
internal static class PerfProcess
{
    /// <summary>Enough of stderr to explain a failure in one line, little enough to never matter for memory.</summary>
    private const int StderrTailChars = 4096;

    /// <exception cref="Win32Exception">The program could not be started (not found, not executable).</exception>
    /// <param name="interruptAtTimeout">
    /// At the timeout, send perf SIGINT (it then stops sampling, writes its data and ends the
    /// profiled program) instead of killing it, so a hanging run still yields its profile.
    /// </param>
    public static async Task<PerfProcessExit> RunAsync(
        ProfileLaunch launch,
        TimeSpan timeout,
        Func<StreamReader, Task>? readStdout,
        CancellationToken cancellationToken,
        bool interruptAtTimeout = false)
    {
        var argv = launch.Argv;
        var info = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = launch.WorkingDirectory ?? "",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
            info.ArgumentList.Add(arg);
        foreach (var (name, value) in launch.Environment)
            info.Environment[name] = value;

        using var process = Process.Start(info) ?? throw new Win32Exception($"cannot start {argv[0]}");
        var stdin = FeedStdinAsync(process.StandardInput, launch.StdinPath);
        var stdout = readStdout != null ? readStdout(process.StandardOutput) : process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        var stderr = TailAsync(process.StandardError);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            var descendants = ProcessTree.Descendants(process.Id);
            if (timedOut && interruptAtTimeout)
                await InterruptAsync(process);
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            // Whatever perf left behind (it signals its workload, but a child may ignore that) goes too.
            ProcessTree.KillAll(descendants);
            if (!timedOut)
                throw;
        }
        await stdout;
        await stdin;
        return new PerfProcessExit(process.ExitCode, timedOut, await stderr);
    }

    /// <summary>Time perf gets after SIGINT to write its data and end the profiled program.</summary>
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(10);

    private const int SigInt = 2;

    private static async Task InterruptAsync(Process perf)
    {
        if (WasmPerfDiff.Host.Processes.Posix.kill(perf.Id, SigInt) != 0)
            return;
        using var grace = new CancellationTokenSource(InterruptGrace);
        try
        {
            await perf.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task FeedStdinAsync(StreamWriter stdin, string? path)
    {
        try
        {
            if (path != null)
            {
                await using var file = File.OpenRead(path);
                await file.CopyToAsync(stdin.BaseStream);
            }
        }
        catch (IOException)
        {
            // The child exited without reading all of its input: not our failure.
        }
        finally
        {
            try { stdin.Close(); } catch (IOException) { }
        }
    }

    private static async Task<string> TailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 2 * StderrTailChars)
                tail.Remove(0, tail.Length - StderrTailChars);
        }
        return tail.Length > StderrTailChars ? tail.ToString(tail.Length - StderrTailChars, StderrTailChars) : tail.ToString();
    }
}
