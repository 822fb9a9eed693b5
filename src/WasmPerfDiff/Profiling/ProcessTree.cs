using System.Globalization;

namespace WasmPerfDiff.Profiling;

/// <summary>
/// The descendants of a process, read from <c>/proc/*/stat</c>. Taken before a process is stopped,
/// because its orphans are re-parented and can no longer be found through it afterwards. Each pid
/// is kept with its start time so that a pid reused by an unrelated process is never signalled.
/// </summary>
internal static class ProcessTree
{
    public readonly record struct ProcessId(int Pid, ulong StartTicks);

    private const int SigKill = 9;

    public static IReadOnlyList<ProcessId> Descendants(int root)
    {
        var table = new Dictionary<int, (int Parent, ulong Start)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
                table[pid] = stat;

        var result = new List<ProcessId>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var (pid, (ppid, start)) in table)
                if (ppid == parent)
                {
                    result.Add(new ProcessId(pid, start));
                    frontier.Enqueue(pid);
                }
        }
        return result;
    }

    /// <summary>SIGKILL to each process that still is the one recorded (same pid and start time).</summary>
    public static void KillAll(IEnumerable<ProcessId> processes)
    {
        foreach (var p in processes)
            if (Stat(p.Pid) is { } now && now.Start == p.StartTicks)
                WasmPerfDiff.Host.Processes.Posix.kill(p.Pid, SigKill);
    }

    /// <summary>
    /// Parent pid and start time from <c>/proc/PID/stat</c>: after the parenthesized command name
    /// (which may hold spaces) come state, ppid, ... and, 20 fields after the state, starttime.
    /// </summary>
    private static (int Parent, ulong Start)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), ulong.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null; // the process ended while we looked
        }
    }
}
