namespace WasmPerfDiff.Host;

/// <summary>
/// Warnings about the user's input that do not stop the job (a corpus file skipped), one line each on standard
/// error, where a <c>--json</c> document on standard output is not disturbed by them.
/// </summary>
public static class Warnings
{
    public static void Write(string message) => Console.Error.WriteLine($"wasm-perfdiff: warning: {message.ReplaceLineEndings(" ")}");
}
