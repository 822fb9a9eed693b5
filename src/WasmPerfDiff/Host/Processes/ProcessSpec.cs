namespace WasmPerfDiff.Host.Processes;

/// <summary>
/// A child process to run: an executable and its argv as data (never a shell command line),
/// extra environment, working directory, stdin file and the limits that keep the harness safe.
/// </summary>
public sealed record ProcessSpec(
    string Executable,
    IReadOnlyList<string> Arguments,
    TimeSpan Timeout)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public string? WorkingDirectory { get; init; }
    public string? StdinPath { get; init; }

    /// <summary>How many leading bytes of each stream are kept in memory; the rest is only counted and hashed.</summary>
    public int CaptureBytes { get; init; } = 64 * 1024;

    public override string ToString() => string.Join(' ', new[] { Executable }.Concat(Arguments).Select(Quote));

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@{}".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
