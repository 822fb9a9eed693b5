using System.Globalization;
using System.Text.RegularExpressions;

namespace WasmPerfDiff.Cli.Options;

/// <summary>Parses <c>--max-time</c>: <c>90</c> or <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>1h30m</c>, or <c>hh:mm:ss</c>.</summary>
public static partial class DurationParser
{
    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s?)?$")]
    private static partial Regex Units();

    public static TimeSpan Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Contains(':') && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var ts)) return ts;
        var m = Units().Match(t);
        if (t.Length == 0 || !m.Success)
            throw new BadInputException($"cannot read duration '{text}' (examples: 90s, 5m, 1h30m, 00:05:00)");
        double Get(string g) => m.Groups[g].Success ? double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromHours(Get("h")) + TimeSpan.FromMinutes(Get("m")) + TimeSpan.FromSeconds(Get("s"));
    }
}
