using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Reduction;

/// <summary>
/// The interestingness test a reducer runs: a two-line sh script that execs this tool's hidden verb
/// <c>reduce-check --spec FILE PROGRAM</c> with its arguments as single-quoted words, or, when the reduce process
/// serves checks (<see cref="CheckServer"/>), the check client with that command as its fallback. The script runs one
/// program and nothing else; the tool runs the runtimes as data (argv), never through a shell. Exit 0: interesting; 1: not.
/// </summary>
public static class CheckScript
{
    public const string Verb = "reduce-check";

    public static string Write(string workDir, string specPath, string program, string? serverSocket = null)
    {
        var dll = WorkerLauncher.CliDll ?? throw new InvalidOperationException($"{WorkerLauncher.CliAssembly} not found beside the tool");
        var dotnet = WorkerLauncher.DotnetHost ?? throw new InvalidOperationException("the dotnet host was not found");
        string[] verb = [dotnet, dll, Verb, "--spec", specPath, program];
        var words = (serverSocket is not null && CheckClient.Path is { } client ? [client, serverSocket, program, "--", .. verb] : verb).Select(Quote);
        var path = Path.Combine(workDir, "check.sh");
        Host.OutputPaths.WriteText(path, "Out", "#!/bin/sh\nexec " + string.Join(' ', words) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>One sh word: single quotes, with each quote inside closed, escaped and reopened.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}
