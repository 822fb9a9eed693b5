namespace WasmPerfDiff.Runtimes.Cli;

/// <summary>
/// The command-line runtimes wasm-perfdiff knows, with their conventions for arguments, preopened
/// directories and stack size. Each is offered when its program is found on PATH (or at a path set in
/// the config file).
/// </summary>
public static class CliCatalog
{
    /// <summary>1 MiB of wasm stack for the interpreters, whose defaults (64 KiB) are too small for deep recursion.</summary>
    private const string InterpreterStack = "1048576";

    /// <summary>WAMR's frames are bigger (classic interpreter, Fast JIT): 5000 frames of eight i64 locals overflow 1 MiB there, not 4 MiB.</summary>
    private const string WamrStack = "4194304";

    /// <summary>
    /// The definition with the environment its program needs (an installed release's <c>LD_LIBRARY_PATH</c>),
    /// found by the key that <see cref="CliRuntime"/> resolves it by: the configuration's name, else its program.
    /// </summary>
    public static CliRuntimeDefinition WithEnvironment(CliRuntimeDefinition d, IReadOnlyDictionary<string, string> paths,
        IReadOnlyDictionary<string, Dictionary<string, string>> environment)
    {
        var key = paths.ContainsKey(d.Name) ? d.Name : d.Command.Program;
        if (!environment.TryGetValue(key, out var add)) return d;
        var merged = new Dictionary<string, string>(d.Environment);
        foreach (var (k, v) in add) merged[k] = v;
        return d with { Environment = merged };
    }

    private static CommandTemplate T(params string[] argv) => new(argv);

    public static IReadOnlyList<CliRuntimeDefinition> Definitions { get; } =
    [
        // The wasmtime CLI caches compiled code and hashes the module on every run; its cache is off so
        // that every run compiles, as every other runtime here does (WarpDiff's Python-variant false positive).
        new("wasmtime", "wasmtime", "cranelift",
            T("wasmtime", "run", "-C", "cache=n", "--dir={dir}::{dir}", "{wasm}", "{args}"),
            Version: T("wasmtime", "--version"), InstallHint: "wasmtime release binary on PATH"),
        new("wasmtime-aot", "wasmtime", "aot",
            T("wasmtime", "run", "--allow-precompiled", "-C", "cache=n", "--dir={dir}::{dir}", "{out}", "{args}"),
            Precompile: T("wasmtime", "compile", "-C", "cache=n", "{wasm}", "-o", "{out}"),
            Version: T("wasmtime", "--version"), ArtifactExtension: ".cwasm", InstallHint: "wasmtime release binary on PATH"),
        new("wasmer", "wasmer", "default",
            T("wasmer", "run", "--dir={dir}", "{wasm}", "--", "{args}"),
            Version: T("wasmer", "--version"), InstallHint: "wasmer release binary on PATH"),
        new("wasmedge", "wasmedge", "interp",
            T("wasmedge", "--dir={dir}:{dir}", "{wasm}", "{args}"),
            Version: T("wasmedge", "--version"), InstallHint: "WasmEdge release on PATH"),
        new("wasmedge-aot", "wasmedge", "aot",
            T("wasmedge", "--dir={dir}:{dir}", "{out}", "{args}"),
            Precompile: T("wasmedge", "compile", "{wasm}", "{out}"),
            Version: T("wasmedge", "--version"), ArtifactExtension: ".so", InstallHint: "WasmEdge release on PATH"),
        // wasm3 has no --dir: it preopens its working directory as the guest's "/" (uvwasi), so it runs in
        // "/" and the guest's absolute paths are the host's, as --dir=D::D gives the others.
        new("wasm3", "wasm3", "interp",
            T("wasm3", "--stack-size", InterpreterStack, "{wasm}", "{args}"),
            Version: T("wasm3", "--version"), InstallHint: "wasm3 built from source, on PATH") { WorkingDirectory = "/" },
        new("wasm3-compile", "wasm3", "eager",
            T("wasm3", "--compile", "--stack-size", InterpreterStack, "{wasm}", "{args}"),
            Version: T("wasm3", "--version"), InstallHint: "wasm3 built from source, on PATH") { WorkingDirectory = "/" },
        // iwasm's modes are build-time choices; each entry is offered only when its probe run works
        // with that flag (an iwasm built without Fast JIT prints its usage and exits 1 on --fast-jit).
        new("iwasm", "wamr", "default",
            T("iwasm", $"--stack-size={WamrStack}", "--dir={dir}", "{wasm}", "{args}"),
            Version: T("iwasm", "--version"), InstallHint: "WAMR iwasm on PATH"),
        // Fast JIT's code cache is sized from the module (FastJitCodeCache): the default 10 MiB fails on the 5 MiB
        // large-table module ("allocate memory failed"), while a fixed 256 MiB cost every run 250 MB of RSS and its start-up.
        new("iwasm-fast-jit", "wamr", "fast-jit",
            T("iwasm", "--fast-jit", $"--stack-size={WamrStack}", "--dir={dir}", "{wasm}", "{args}"),
            Version: T("iwasm", "--version"), InstallHint: "WAMR iwasm built with -DWAMR_BUILD_FAST_JIT=1 (paths: \"iwasm-fast-jit\")")
        {
            ModuleOptions = FastJitCodeCache.Options,
        },
        // WAMR builds Fast JIT on top of the classic interpreter, so in a build whose --fast-jit works,
        // --interp is the classic interpreter; elsewhere --interp is whatever interpreter was built.
        new("iwasm-classic", "wamr", "classic-interp",
            T("iwasm", "--interp", $"--stack-size={WamrStack}", "--dir={dir}", "{wasm}", "{args}"),
            Version: T("iwasm", "--version"), InstallHint: "WAMR iwasm built with -DWAMR_BUILD_FAST_JIT=1 (paths: \"iwasm-classic\")")
        {
            Requires = (T("iwasm", "--fast-jit", "{wasm}"), "--interp is the classic interpreter only in an iwasm whose --fast-jit works"),
        },
        new("iwasm-llvm-jit", "wamr", "llvm-jit",
            T("iwasm", "--llvm-jit", $"--stack-size={WamrStack}", "--dir={dir}", "{wasm}", "{args}"),
            Version: T("iwasm", "--version"), InstallHint: "WAMR iwasm built with -DWAMR_BUILD_JIT=1 (paths: \"iwasm-llvm-jit\")"),
        new("iwasm-aot", "wamr", "aot",
            T("iwasm", $"--stack-size={InterpreterStack}", "--dir={dir}", "{out}", "{args}"),
            Precompile: T("wamrc", "-o", "{out}", "{wasm}"),
            Version: T("iwasm", "--version"), ArtifactExtension: ".aot", InstallHint: "WAMR iwasm and wamrc on PATH"),
        // wazero (Go): compiles by default; -interpreter selects its interpreter. -mount=HOST:GUEST preopens.
        new("wazero", "wazero", "compiler",
            T("wazero", "run", "-mount={dir}:{dir}", "{wasm}", "{args}"),
            Version: T("wazero", "version"), InstallHint: "wazero release binary on PATH (runtimes install wazero)"),
        new("wazero-interp", "wazero", "interp",
            T("wazero", "run", "-interpreter", "-mount={dir}:{dir}", "{wasm}", "{args}"),
            Version: T("wazero", "version"), InstallHint: "wazero release binary on PATH (runtimes install wazero)"),
    ];
}
