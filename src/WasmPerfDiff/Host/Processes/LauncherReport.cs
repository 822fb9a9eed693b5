namespace WasmPerfDiff.Host.Processes;

/// <summary>What the launcher wrote on its report pipe (format documented in launcher.c).</summary>
internal sealed record LauncherReport(int? ExecErrno, LauncherReport.Finished? Done)
{
    public sealed record Finished(int Status, long UTimeUs, long STimeUs, long MaxRssKb,
        long StartMonoNs, long StartRealNs, long EndMonoNs, long EndRealNs);

    public static LauncherReport Parse(string text)
    {
        int? errno = null;
        Finished? done = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0], kv => long.TryParse(kv[1], out var v) ? v : (long?)null);
            if (line.StartsWith("exec_errno=", StringComparison.Ordinal) && fields["exec_errno"] is long e)
                errno = (int)e;
            else if (line.StartsWith("done ", StringComparison.Ordinal))
            {
                long F(string k) => fields.TryGetValue(k, out var v) && v is long x ? x : throw new FormatException($"launcher report lacks {k}: {line}");
                try
                {
                    done = new Finished((int)F("status"), F("utime_us"), F("stime_us"), F("maxrss_kb"),
                        F("start_mono_ns"), F("start_real_ns"), F("end_mono_ns"), F("end_real_ns"));
                }
                catch (FormatException) { done = null; }
            }
        }
        return new LauncherReport(errno, done);
    }
}
