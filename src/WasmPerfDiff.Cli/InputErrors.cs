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
    public static string Describe(BadInputException e, Command command) => OneLine(DescribeField(e, command));

    private static string DescribeField(BadInputException e, Command command)
    {
        if (e.Field is null) return e.Message;
        // Request properties whose option is spelled shorter.
        if (e.Field == "Database" && command.Options.Any(o => o.Name == "--db")) return $"--db: {e.Message}";
        var name = JsonNamingPolicy.KebabCaseLower.ConvertName(e.Field);
        // A positional argument, shown as its usage line shows it.
        if (command.Arguments.Any(a => a.Name == name)) return $"<{name}>: {e.Message}";
        var flag = "--" + name;
        var known = command.Options.Any(o => o.Name == flag || o.Aliases.Contains(flag));
        return known ? $"{flag}: {e.Message}" : $"{name.Replace('-', ' ')}: {e.Message}";
    }

    /// <summary>An exception the library did not turn into bad input: one line, exit 2 for a file-system refusal
    /// (a path the user named), else exit 70 (a fault of the tool). WASM_PERFDIFF_DEBUG=1 adds the stack trace.</summary>
    public static int Unexpected(Exception e)
    {
        var debug = Environment.GetEnvironmentVariable("WASM_PERFDIFF_DEBUG") is "1" or "true";
        if (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"wasm-perfdiff: {OneLine(e.Message)}");
            if (debug) Console.Error.WriteLine(e);
            return ExitCodes.Usage;
        }
        Console.Error.WriteLine($"wasm-perfdiff: internal error ({e.GetType().Name}): {OneLine(e.Message)}; please report it (WASM_PERFDIFF_DEBUG=1 shows where)");
        if (debug) Console.Error.WriteLine(e);
        return ExitCodes.Internal;
    }

    /// <summary>A message on one line whatever it quotes: line breaks in the user's input are shown as \n.</summary>
    public static string OneLine(string s) => s.Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\r");
}
