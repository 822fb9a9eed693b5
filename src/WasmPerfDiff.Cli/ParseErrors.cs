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

    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of:(?<choices>.*)$", RegexOptions.Singleline)]
    private static partial Regex NotAmong();

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
        if (NotAmong().Match(first) is { Success: true } n)
        {
            // Name the option the value was given to (the parser's message names neither it nor the verb).
            var option = parsed.Errors[0].SymbolResult switch
            {
                System.CommandLine.Parsing.OptionResult o => o.Option.Name,
                System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option.Name,
                _ => parsed.CommandResult.Command.Name,
            };
            var choices = n.Groups["choices"].Value.Split('\'', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(c => c.Length > 0);
            return $"{option}: '{n.Groups["value"].Value}' is not one of {string.Join(", ", choices)}";
        }
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
