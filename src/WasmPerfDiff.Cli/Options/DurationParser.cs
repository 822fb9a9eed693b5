using System.Globalization;
using System.Text.RegularExpressions;

namespace WasmPerfDiff.Cli.Options;

/// <summary>Parses <c>--max-time</c>: <c>90</c> or <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>1h30m</c>, or <c>hh:mm:ss</c>.</summary>
public static partial class DurationParser
{
    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s?)?$")]
    private static partial Regex Units();

    public static TimeSpan Parse(string text, string field = "MaxTime")
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Contains(':') && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var ts)) return Durations.Check(ts, field);
        var m = Units().Match(t);
        if (t.Length == 0 || !m.Success)
            throw new BadInputException($"cannot read duration '{text}' (examples: 90s, 5m, 1h30m, 00:05:00)");
        double Get(string g) => m.Groups[g].Success ? double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        // Summed as seconds in a double: 99999999999h is refused as too long, not an overflow.
        return Durations.FromSeconds(Get("h") * 3600 + Get("m") * 60 + Get("s"), field);
    }
}
