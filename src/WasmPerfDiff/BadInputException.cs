namespace WasmPerfDiff;

/// <summary>
/// Bad usage or bad input: the CLI prints the message as one line on stderr and exits 2.
/// Thrown by the library wherever the caller handed it something it cannot use.
/// </summary>
public sealed class BadInputException(string message) : Exception(message);
