using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmPerfDiff;

/// <summary>
/// The one convention for names that leave the program (store columns, JSON, CSV, command-line values):
/// an enum member's wire name is its name in kebab-case (<c>ExitNonzero</c> → <c>exit-nonzero</c>,
/// <c>NoAnomaly</c> → <c>no-anomaly</c>), and JSON properties are snake_case. Every enum that is written
/// anywhere is formatted and parsed here and nowhere else.
/// </summary>
public static class Wire
{
    private static readonly JsonNamingPolicy EnumNames = JsonNamingPolicy.KebabCaseLower;

    /// <summary>The wire name of an enum value.</summary>
    public static string Name<T>(T value) where T : struct, Enum => EnumNames.ConvertName(value.ToString());

    /// <summary>The wire name of an enum value, as an extension: <c>status.ToWire()</c>.</summary>
    public static string ToWire<T>(this T value) where T : struct, Enum => Name(value);

    /// <summary>The enum value with this wire name, or null.</summary>
    public static T? TryParse<T>(string? wire) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
            if (Name(v) == wire) return v;
        return null;
    }

    /// <summary>The enum value with this wire name; an unknown name is bad input naming the known ones.</summary>
    public static T Parse<T>(string wire, string what) where T : struct, Enum =>
        TryParse<T>(wire) ?? throw new BadInputException($"unknown {what} '{wire}' (known: {string.Join(", ", Names<T>())})");

    /// <summary>Every wire name of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => Name(v)).ToArray();

    /// <summary>Enums as their wire names in JSON.</summary>
    public static JsonConverter EnumConverter { get; } = new JsonStringEnumConverter(EnumNames, allowIntegerValues: false);
}

/// <summary>JSON options, one definition: <see cref="Compact"/> for what the store keeps, <see cref="Document"/> for what is shown or exported.</summary>
public static class WireJson
{
    /// <summary>Stored JSON (campaign settings, argument lists): snake_case, one line.</summary>
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    /// <summary>Printed and exported JSON documents: indented, non-ASCII text as it is, NaN and ∞ spelled out.</summary>
    public static readonly JsonSerializerOptions Document = Create(indented: true);

    /// <summary>Reading files people write (runtime configs, manifests) and stored settings: as <see cref="Document"/>, and a
    /// <c>null</c> where the type allows none (<c>"cases": null</c>, a null name) is an error with its line and column.</summary>
    public static readonly JsonSerializerOptions Input = Create(indented: true, strict: true);

    private static JsonSerializerOptions Create(bool indented, bool strict = false)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = indented,
            // Files people write (runtime configs, manifests) may carry comments and trailing commas.
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            RespectNullableAnnotations = strict,
        };
        if (indented)
        {
            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        }
        options.Converters.Add(Wire.EnumConverter);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
