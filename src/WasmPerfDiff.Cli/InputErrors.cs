using System.CommandLine;
using System.Text.Json;

namespace WasmPerfDiff.Cli;

/// <summary>
/// Says which of the user's inputs a library error is about. The library names the request property
/// (<see cref="BadInputException.Field"/>, e.g. <c>MaxRuns</c>); each option is named after the property it
/// fills, in kebab-case (<c>--max-runs</c>), so the flag follows from the name when the verb has it.
/// </summary>
public static class InputErrors
{
    public static string Describe(BadInputException e, Command command)
    {
        if (e.Field is null) return e.Message;
        var flag = "--" + JsonNamingPolicy.KebabCaseLower.ConvertName(e.Field);
        var known = command.Options.Any(o => o.Name == flag || o.Aliases.Contains(flag));
        return known ? $"{flag}: {e.Message}" : $"{JsonNamingPolicy.KebabCaseLower.ConvertName(e.Field).Replace('-', ' ')}: {e.Message}";
    }
}
