using System.Globalization;
using System.Text.RegularExpressions;

namespace WasmPerfDiff.Profiling;

/// <summary>One frame as <c>perf script</c> prints it: instruction pointer, symbol, and the object it lies in.</summary>
public sealed record RawFrame(ulong Ip, string Symbol, string Dso);

/// <summary>One sample: the thread it hit and its call chain, leaf first as perf prints it.</summary>
public sealed record PerfSample(string Comm, int Pid, int Tid, IReadOnlyList<RawFrame> Frames);

/// <summary>
/// Reads the text of <c>perf script -F comm,pid,tid,ip,sym,dso</c>: a header line per sample
/// (<c>comm pid/tid</c>, the command name may contain spaces), then one tab-indented line per
/// frame (<c>ip symbol (dso)</c>), then a blank line.
/// </summary>
public static partial class PerfScriptParser
{
    /// <summary>The fields <see cref="Parse"/> expects, as the argument of <c>perf script -F</c>.</summary>
    public const string Fields = "comm,pid,tid,ip,sym,dso";

    [GeneratedRegex(@"^(?<comm>.*?)\s+(?<pid>\d+)/(?<tid>\d+)\s*$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^\s+(?<ip>[0-9a-fA-F]+)\s+(?<rest>.*)$")]
    private static partial Regex FrameLine();

    public static IEnumerable<PerfSample> Parse(TextReader reader)
    {
        string? comm = null;
        int pid = 0, tid = 0;
        var frames = new List<RawFrame>();
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0)
            {
                if (comm != null)
                    yield return new PerfSample(comm, pid, tid, frames);
                comm = null;
                frames = [];
                continue;
            }
            if (char.IsWhiteSpace(line[0]))
            {
                if (comm != null && FrameLine().Match(line) is { Success: true } f)
                    frames.Add(ParseFrame(f.Groups["ip"].Value, f.Groups["rest"].Value));
                continue;
            }
            if (HeaderLine().Match(line) is { Success: true } h)
            {
                if (comm != null)
                    yield return new PerfSample(comm, pid, tid, frames);
                comm = h.Groups["comm"].Value.Trim();
                pid = int.Parse(h.Groups["pid"].Value, CultureInfo.InvariantCulture);
                tid = int.Parse(h.Groups["tid"].Value, CultureInfo.InvariantCulture);
                frames = [];
            }
        }
        if (comm != null)
            yield return new PerfSample(comm, pid, tid, frames);
    }

    public static IReadOnlyList<PerfSample> Parse(string text) => Parse(new StringReader(text)).ToList();

    /// <summary>
    /// Splits <c>symbol (dso)</c>: the dso is the last balanced parenthesized part, since both
    /// symbols (<c>f(int)</c>) and dso names (<c>/memfd:doublemapper (deleted)</c>) may hold parentheses.
    /// </summary>
    private static RawFrame ParseFrame(string ipHex, string rest)
    {
        var ip = ulong.Parse(ipHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        rest = rest.TrimEnd();
        var open = rest.EndsWith(')') ? MatchingOpen(rest) : -1;
        if (open < 0)
            return new RawFrame(ip, rest, "[unknown]");
        var symbol = rest[..open].Trim();
        return new RawFrame(ip, symbol.Length == 0 ? "[unknown]" : symbol, rest[(open + 1)..^1]);
    }

    private static int MatchingOpen(string text)
    {
        var depth = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == ')')
                depth++;
            else if (text[i] == '(' && --depth == 0)
                return i;
        }
        return -1;
    }
}
