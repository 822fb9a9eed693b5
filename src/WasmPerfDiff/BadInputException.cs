namespace WasmPerfDiff;

/// <summary>
/// Bad input: something the caller handed the library that it cannot use. The message says what is wrong
/// in the library's own words; <see cref="Field"/>, when set, names the request property it came from
/// (e.g. <c>MaxRuns</c>), so a front end can say which of its own inputs that was (the CLI maps it to
/// <c>--max-runs</c>). The CLI prints it as one line on stderr and exits 2.
/// </summary>
public sealed class BadInputException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
