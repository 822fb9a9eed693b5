namespace WasmPerfDiff.Runtimes.Cli;

/// <summary>
/// A runtime driven through its command line: how to run a module, optionally how to precompile it
/// first (AOT; timed and stored apart from the run), and how to ask its version. <see cref="Environment"/>
/// is added to the runtime's environment; <see cref="WorkingDirectory"/> is where it runs (wasm3 preopens
/// its working directory as the guest's <c>/</c>, so it runs in <c>/</c> to give the guest host paths).
/// <see cref="Requires"/> is a second probe run that must also succeed before the configuration is
/// offered, with the reason it is needed (e.g. WAMR's <c>--interp</c> is the classic interpreter only in
/// a build whose <c>--fast-jit</c> works).
/// </summary>
public sealed record CliRuntimeDefinition(
    string Name,
    string Engine,
    string Tier,
    CommandTemplate Command,
    CommandTemplate? Precompile = null,
    CommandTemplate? Version = null,
    string ArtifactExtension = ".aot",
    string? InstallHint = null)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public string? WorkingDirectory { get; init; }
    public (CommandTemplate Command, string Why)? Requires { get; init; }

    /// <summary>Options that depend on the module to run (given its path), placed just before it in the command: a
    /// catalog entry's, never a user's (e.g. WAMR Fast JIT's code cache, <see cref="FastJitCodeCache"/>).</summary>
    public Func<string, IReadOnlyList<string>>? ModuleOptions { get; init; }

    /// <summary>False only for a user runtime whose config says <c>"probe": false</c> (a harness that cannot run the hello module): found is then enough.</summary>
    public bool ProbeRun { get; init; } = true;
}
