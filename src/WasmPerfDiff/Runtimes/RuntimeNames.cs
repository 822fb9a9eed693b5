namespace WasmPerfDiff.Runtimes;

/// <summary>
/// Runtime names become file names (AOT artifacts, profiles) and table cells, so they keep to a safe alphabet:
/// ASCII letters, digits and <c>. _ - @ +</c>, starting with a letter or digit, at most 64 characters.
/// </summary>
public static class RuntimeNames
{
    public const string Alphabet = "letters, digits and . _ - @ + (starting with a letter or digit, at most 64 characters)";

    public static bool IsSafe(string? name) =>
        name is { Length: > 0 and <= 64 } && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+');
}
