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

    /// <summary>
    /// Refuses a request no runtime could run, before anything is spawned: the module, the stdin file or the working
    /// folder is missing (or was removed during a campaign), an argument is null or holds a NUL, the timeout is out of range.
    /// </summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(WasmPath)) throw new BadInputException("no module file given", "Wasm");
        Host.InputFile.RequireRegular(WasmPath, "Wasm", "module file");
        // The child opens its stdin while being spawned, and the spawn waits for it: a FIFO with no writer would hang
        // the tool there, beyond any timeout and deaf to SIGTERM. So stdin is a regular file or nothing.
        if (StdinPath is not null) Host.InputFile.RequireRegular(StdinPath, "Stdin", "stdin file");
        if (Dir is not null && !Directory.Exists(Dir)) throw new BadInputException($"directory '{Dir}' does not exist", "Dir");
        if (Args is null || Args.Any(a => a is null)) throw new BadInputException("the guest arguments hold a null", "Args");
        if (Args.Any(a => a.Contains('\0')) || WasmPath.Contains('\0'))
            throw new BadInputException("an argument or path holds a NUL character, which no program can receive", "Args");
        Durations.Check(Timeout, "Timeout");
    }
}
