using System.CommandLine;
using System.Text.RegularExpressions;

namespace WasmPerfDiff.Cli;

/// <summary>System.CommandLine's parse errors in the user's terms: the value and the option, not .NET type names.</summary>
public static partial class ParseErrors
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|command) '(?<option>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<arg>.*)'")]
    private static partial Regex Unrecognized();

    public static string Describe(ParseResult parsed, RootCommand root)
    {
        foreach (var error in parsed.Errors)
        {
            if (Unrecognized().Match(error.Message) is { Success: true } u)
            {
                var arg = u.Groups["arg"].Value;
                return parsed.CommandResult.Command == root
                    ? $"unknown verb '{arg}' (verbs: {string.Join(", ", root.Subcommands.Select(c => c.Name))})"
                    : $"{parsed.CommandResult.Command.Name}: unexpected argument '{arg}' (see --help)";
            }
        }
        var first = parsed.Errors[0].Message;
        if (CannotParse().Match(first) is { Success: true } m)
            return $"{m.Groups["option"].Value}: '{m.Groups["value"].Value}' is not {Expected(m.Groups["type"].Value)}";
        if (first.StartsWith("Required command was not provided", StringComparison.Ordinal) && parsed.CommandResult.Command == root)
            return $"name a verb (verbs: {string.Join(", ", root.Subcommands.Select(c => c.Name))}; see --help)";
        return first.ReplaceLineEndings(" ");
    }

    private static string Expected(string type) =>
        type.Contains("Int64") || type.Contains("Int32") ? "a whole number"
        : type.Contains("Double") || type.Contains("Single") ? "a number"
        : type.Contains("Boolean") ? "true or false"
        : type.Contains("TimeSpan") ? "a duration"
        : "a valid value";
}
