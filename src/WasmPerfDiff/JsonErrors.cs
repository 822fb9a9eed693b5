using System.Text.Json;
using System.Text.RegularExpressions;

namespace WasmPerfDiff;

/// <summary>One line for a JSON file that cannot be read: the file, the line and column, the JSON path and what is wrong.</summary>
public static partial class JsonErrors
{
    public static BadInputException Describe(string what, JsonException e, string? field = null)
    {
        var where = e.LineNumber is long line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
        var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" ({e.Path})";
        return new BadInputException($"{what}{where}{at}: {Problem(e.Message)}", field);
    }

    /// <summary>System.Text.Json's message without its location suffix and .NET type names.</summary>
    private static string Problem(string message)
    {
        var m = message;
        var cut = m.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0) m = m[..cut];
        cut = m.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) m = m[..cut];
        if (m.Contains("could not be converted to", StringComparison.Ordinal))
            return "a value of the wrong type (" + TypeName(m) + ")";
        return m.TrimEnd('.', ' ');
    }

    [GeneratedRegex(@"converted to ([\w.`\[\], ]+?)\.?$")]
    private static partial Regex Target();

    private static string TypeName(string message)
    {
        var t = Target().Match(message).Groups[1].Value;
        if (t.Contains("List`1") || t.Contains("[]") || t.Contains("IEnumerable")) return "expected a list";
        if (t.Contains("Dictionary")) return "expected an object";
        if (t.Contains("Int") || t.Contains("Double") || t.Contains("Single") || t.Contains("Decimal")) return "expected a number";
        if (t.Contains("String")) return "expected a string";
        if (t.Contains("Boolean")) return "expected true or false";
        return "expected " + (t.Split('.').LastOrDefault() is { Length: > 0 } s ? s.TrimEnd(']') : "another value");
    }
}
