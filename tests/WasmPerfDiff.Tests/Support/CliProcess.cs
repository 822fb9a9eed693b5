using System.Diagnostics;

namespace WasmPerfDiff.Tests.Support;

/// <summary>Runs the real CLI (<c>dotnet wasm-perfdiff.dll</c> from the test output) as a child process.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public void Deconstruct(out int exitCode, out string stdout, out string stderr) =>
            (exitCode, stdout, stderr) = (ExitCode, Stdout, Stderr);
    }

    public static Result Run(params string[] args) => RunIn(null, TimeSpan.FromMinutes(5), args);

    public static Result RunIn(string? workingDirectory, TimeSpan limit, params string[] args) => RunWith(workingDirectory, limit, null, args);

    /// <summary>Runs the CLI with extra environment variables (e.g. a private data directory).</summary>
    public static Result RunWith(string? workingDirectory, TimeSpan limit, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return Finish(psi, limit, string.Join(' ', args));
    }

    /// <summary>
    /// Runs the CLI with a shell redirection applied to it (e.g. <c>2&gt;/dev/full</c>, <c>&gt;&amp;-</c>): the one way to hand
    /// it a full device or a closed descriptor. The streams not redirected are captured as usual.
    /// </summary>
    public static Result RunRedirected(string redirection, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-c", $"exec \"$@\" {redirection}", "sh", "dotnet", Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"), .. args])
            psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return Finish(psi, TimeSpan.FromMinutes(5), $"{string.Join(' ', args)} {redirection}");
    }

    private static Result Finish(ProcessStartInfo psi, TimeSpan limit, string what)
    {
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"wasm-perfdiff {what} did not finish in {limit}");
        }
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }
}
