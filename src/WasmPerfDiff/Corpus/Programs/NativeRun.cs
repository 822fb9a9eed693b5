using System.Globalization;
using System.Text;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Programs;

/// <summary>
/// One run of a native build of a generated program at a size. <see cref="CpuMs"/> (user + system time, from the
/// kernel's accounting of the child) is what the time range is judged by: on a machine shared with other work the
/// wall time of a 50 ms program swings several-fold, its CPU time barely moves. <see cref="SanitizerReport"/> is
/// the first UBSan "runtime error:" line seen while stderr streamed by (the stdio hot spot floods stderr).
/// </summary>
public sealed record NativeRun(int? ExitCode, int? Signal, bool TimedOut, double CpuMs, double WallMs, string Stdout, bool StdoutComplete, string? SanitizerReport)
{
    public bool Ok => !TimedOut && ExitCode == 0;

    private const string Report = "runtime error:";

    public static async Task<NativeRun> RunAsync(string executable, long size, TimeSpan timeout, CancellationToken ct)
    {
        string? report = null;
        var carry = "";
        void Observe(ReadOnlySpan<byte> chunk)
        {
            if (report is not null) return;
            var text = carry + Encoding.UTF8.GetString(chunk);
            var at = text.IndexOf(Report, StringComparison.Ordinal);
            if (at >= 0)
            {
                var end = text.IndexOf('\n', at);
                report = (end < 0 ? text[at..] : text[at..end]).Trim();
            }
            carry = text.Length > 256 ? text[^256..] : text;
        }
        var o = await ChildProcess.RunAsync(new ProcessSpec(executable, [size.ToString(CultureInfo.InvariantCulture)], timeout), Observe, ct);
        if (!o.Spawned) return new NativeRun(127, null, false, 0, 0, "", true, null);
        return new NativeRun(o.ExitCode, o.Signal, o.TimedOut, o.UserMs + o.SysMs, o.WallMs, o.Stdout.HeadText, o.Stdout.Bytes == o.Stdout.Head.Length, report);
    }

    public string Describe() => TimedOut ? "timed out" : Signal is int s ? $"killed by signal {s}" : $"exit {ExitCode}";
}
