using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Host;

/// <summary>Asks a program for its version (or any one-line fact), bounded in time, without a shell.</summary>
public static class VersionProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static string? FirstLine(string executable, IReadOnlyList<string> args) => Ask(executable, args, Limit).Line;

    /// <summary>The first line the program printed, or why there is none (did not answer within the limit, failed).</summary>
    public static (string? Line, string? Problem) Ask(string executable, IReadOnlyList<string> args, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var spec = new ProcessSpec(executable, args, limit) { Environment = environment ?? new Dictionary<string, string>() };
        var outcome = ChildProcess.RunAsync(spec).GetAwaiter().GetResult();
        var command = $"{Path.GetFileName(executable)} {string.Join(' ', args)}".Trim();
        if (!outcome.Spawned) return (null, $"{command}: {outcome.SpawnError}");
        if (outcome.TimedOut) return (null, $"{command} did not answer within {limit.TotalSeconds:0} s");
        if (outcome.ExitCode != 0) return (null, $"{command} exited {outcome.ExitCode?.ToString() ?? "by signal " + outcome.Signal}");
        var text = outcome.Stdout.HeadText.Trim();
        if (text.Length == 0) text = outcome.Stderr.HeadText.Trim();
        return text.Length == 0 ? (null, $"{command} printed nothing") : (text.Split('\n')[0].Trim(), null);
    }
}
