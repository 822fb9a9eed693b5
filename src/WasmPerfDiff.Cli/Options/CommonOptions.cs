using System.CommandLine;

namespace WasmPerfDiff.Cli.Options;

/// <summary>Options every verb understands.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "runtime config file (JSON; default ./wasm-perfdiff.json or ~/.config/wasm-perfdiff/config.json)",
        Recursive = true,
    };

    public static Option<bool> Json(string description = "print one JSON document on stdout and nothing else there") =>
        new("--json") { Description = description };

    /// <summary>
    /// <c>--seed</c>: the verb says what it seeds. A seed of the run order has no default (a random one is chosen and
    /// stored); a bootstrap's or a simulation's defaults to 1, so the same input gives the same output.
    /// </summary>
    public static Option<T> Seed<T>(string description, Func<T>? defaultValue = null)
    {
        var seed = new Option<T>("--seed") { Description = description };
        if (defaultValue is not null) seed.DefaultValueFactory = _ => defaultValue();
        return seed;
    }

    /// <summary>Runtime names from repeated or comma-separated values (<c>-r a,b -r c</c>).</summary>
    public static Option<string[]> Runtimes(string description = "runtime configuration(s) (repeat or comma-separate; default: every available one)") =>
        new("--runtime", "-r") { Description = description, AllowMultipleArgumentsPerToken = true };

    /// <summary>Comma-separated list → trimmed, non-empty entries.</summary>
    public static IReadOnlyList<string> SplitList(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public static IReadOnlyList<string> SplitList(string? value) => value is null ? [] : SplitList([value]);
}
