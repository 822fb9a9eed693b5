namespace WasmPerfDiff.Runtimes.Cli;

/// <summary>
/// A runtime driven through its command line: how to run a module, optionally how to precompile it
/// first (AOT; timed and stored apart from the run), and how to ask its version.
/// </summary>
public sealed record CliRuntimeDefinition(
    string Name,
    string Engine,
    string Tier,
    CommandTemplate Command,
    CommandTemplate? Precompile = null,
    CommandTemplate? Version = null,
    string ArtifactExtension = ".aot",
    string? InstallHint = null);
