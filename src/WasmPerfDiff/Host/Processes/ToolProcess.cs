using System.Diagnostics;

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
/// Runs a build tool (compiler, generator) as a child process without a shell: arguments as a list,
/// both output streams drained concurrently, the whole process tree killed at the timeout.
/// </summary>
public static class ToolProcess
{
    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? stdoutFile = null, CancellationToken ct = default, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment != null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;

        var watch = Stopwatch.StartNew();
        using var p = new Process { StartInfo = psi };
        try { p.Start(); }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ToolResult(127, "", $"{file}: {e.Message}", watch.Elapsed);
        }
        p.StandardInput.Close();
        Task<string> stdoutTask;
        if (stdoutFile != null)
        {
            stdoutTask = Task.Run(async () =>
            {
                await using var f = File.Create(stdoutFile);
                await p.StandardOutput.BaseStream.CopyToAsync(f);
                return "";
            });
        }
        else stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await p.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await p.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return new ToolResult(null, await stdoutTask, await stderrTask + $"\n{file}: timed out after {timeout.TotalSeconds:0} s", watch.Elapsed);
        }
        return new ToolResult(p.ExitCode, await stdoutTask, await stderrTask, watch.Elapsed);
    }
}
