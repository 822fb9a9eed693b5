namespace WasmPerfDiff.Runtimes;

/// <summary>
/// What to run: a wasm32-wasi module with its arguments, an optional stdin file and an optional
/// directory preopened for the guest at the same absolute path as on the host.
/// </summary>
public sealed record RunRequest(
    string WasmPath,
    IReadOnlyList<string> Args,
    TimeSpan Timeout,
    string? StdinPath = null,
    string? Dir = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
}
