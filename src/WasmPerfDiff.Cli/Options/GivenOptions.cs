using System.CommandLine;

namespace WasmPerfDiff.Cli.Options;

/// <summary>
/// The options the user typed (not left at their defaults), named by the request property each fills: the
/// option's name in PascalCase (<c>--max-runs</c> → <c>MaxRuns</c>), the inverse of <see cref="InputErrors"/>, save
/// for the few options spelled otherwise.
/// </summary>
public static class GivenOptions
{
    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["--runtime"] = "Runtimes",
        ["--cases"] = "CasesGlob",
    };

    public static IReadOnlySet<string> Of(ParseResult pr) =>
        pr.CommandResult.Command.Options
            .Where(o => pr.GetResult(o) is { Implicit: false })
            .Select(o => Renamed.GetValueOrDefault(o.Name) ?? string.Concat(o.Name.TrimStart('-').Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])))
            .ToHashSet();
}
