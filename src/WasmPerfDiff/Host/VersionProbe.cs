using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Host;

/// <summary>Asks a program for its version (or any one-line fact), bounded in time, without a shell.</summary>
public static class VersionProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static string? FirstLine(string executable, IReadOnlyList<string> args)
    {
        var outcome = ChildProcess.RunAsync(new ProcessSpec(executable, args, Limit)).GetAwaiter().GetResult();
        if (!outcome.Spawned || outcome.TimedOut || outcome.ExitCode != 0) return null;
        var text = outcome.Stdout.HeadText.Trim();
        if (text.Length == 0) text = outcome.Stderr.HeadText.Trim();
        return text.Length == 0 ? null : text.Split('\n')[0].Trim();
    }
}
