using System.CommandLine;

namespace WasmPerfDiff.Cli.Options;

/// <summary>An option whose values are an enum's wire names (<see cref="Wire"/>), parsed and listed the one way everything else uses.</summary>
public static class WireOption
{
    /// <param name="defaultValue">The value when the option is not given; null makes the option required.</param>
    public static Option<T> Create<T>(string name, T? defaultValue, string description) where T : struct, Enum
    {
        var option = new Option<T>(name)
        {
            Description = description,
            Required = defaultValue is null,
            CustomParser = r => Wire.TryParse<T>(r.Tokens.Single().Value) is { } v ? v
                : Fail<T>(r, $"'{r.Tokens.Single().Value}' is not one of {string.Join(", ", Wire.Names<T>())}"),
        };
        if (defaultValue is { } d) option.DefaultValueFactory = _ => d;
        option.AcceptOnlyFromAmong([.. Wire.Names<T>()]);
        return option;
    }

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult r, string message) where T : struct
    {
        r.AddError(message);
        return default;
    }
}
