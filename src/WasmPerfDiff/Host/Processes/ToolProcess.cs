namespace WasmPerfDiff.Host.Processes;

/// <summary>Result of one build tool run: exit code (null on timeout) and its captured output.</summary>
public sealed record ToolResult(int? ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public bool Ok => ExitCode == 0;

    /// <summary>The last lines of stderr (or stdout), enough to tell why a compile failed.</summary>
    public string Tail(int maxChars = 2000)
    {
        var text = (Stderr.Length > 0 ? Stderr : Stdout).TrimEnd();
        return text.Length <= maxChars ? text : "..." + text[^maxChars..];
    }
}

/// <summary>
/// Runs a build tool (compiler, generator, reducer) as a child process without a shell: arguments as a list, both output
/// streams kept whole (stdout in memory or in a file), the whole process tree killed at the timeout and on cancellation.
/// Through <see cref="ChildProcess"/>, hence normally under the <see cref="Launcher"/>, a subreaper that kills until no
/// descendant is left: .NET's own tree kill (stop, list the children, kill, one process at a time) misses a child
/// forked meanwhile, and left a runtime of a reducer's check running for 19 minutes after the reduction's budget.
/// </summary>
public static class ToolProcess
{
    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? stdoutFile = null, CancellationToken ct = default, string? workingDirectory = null)
    {
        // posix_spawn takes a path: a bare name is looked up on PATH (the one given to the tool, if any), a relative path
        // is taken from the current directory, as Process.Start did.
        var executable = file.Contains('/') ? Path.GetFullPath(file) : ExecutableSearch.Find(file, environment?.GetValueOrDefault("PATH")) ?? file;
        var spec = new ProcessSpec(executable, args.ToList(), timeout)
        {
            Environment = environment ?? new Dictionary<string, string>(), WorkingDirectory = workingDirectory, CaptureBytes = 0,
        };
        var stderr = new MemoryStream();
        ProcessOutcome outcome;
        string stdoutText;
        if (stdoutFile is not null)
        {
            await using (var f = File.Create(stdoutFile))
                outcome = await ChildProcess.RunAsync(spec, chunk => stderr.Write(chunk), ct, chunk => f.Write(chunk));
            stdoutText = "";
        }
        else
        {
            var stdout = new MemoryStream();
            outcome = await ChildProcess.RunAsync(spec, chunk => stderr.Write(chunk), ct, chunk => stdout.Write(chunk));
            stdoutText = Text(stdout);
        }
        ct.ThrowIfCancellationRequested();
        var elapsed = TimeSpan.FromMilliseconds(outcome.WallMs);
        if (outcome.SpawnError is { } error) return new ToolResult(127, "", error, elapsed);
        if (outcome.TimedOut) return new ToolResult(null, stdoutText, Text(stderr) + $"\n{file}: timed out after {timeout.TotalSeconds:0} s", elapsed);
        // Killed by a signal: the shell's convention, 128 + the signal.
        return new ToolResult(outcome.ExitCode ?? 128 + (outcome.Signal ?? 0), stdoutText, Text(stderr), elapsed);
    }

    private static string Text(MemoryStream bytes) => System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
}
