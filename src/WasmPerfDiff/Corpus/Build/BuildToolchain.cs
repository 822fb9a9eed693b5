using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Build;

/// <summary>Which compiler builds the wasm: clang for wasm32-wasi (Debian packages) or Emscripten's emcc.</summary>
public enum WasmCompiler { Clang, Emcc }

/// <summary>
/// The compilers a corpus build needs, found on PATH, with their version (part of the build cache key)
/// and the environment to run them in.
/// </summary>
public sealed class BuildToolchain
{
    /// <summary>The one line a user sees when the wasm32-wasi toolchain is incomplete.</summary>
    public const string DebianInstallHint = "apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32";

    /// <summary>Debian's wasi-libc; clang --target=wasm32-wasi finds it without --sysroot.</summary>
    public static readonly string[] WasiLibcCandidates = ["/usr/lib/wasm32-wasi/libc.a", "/usr/share/wasi-sysroot/lib/wasm32-wasi/libc.a"];

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    public required WasmCompiler Compiler { get; init; }
    /// <summary>Driver for C (clang or emcc).</summary>
    public required string CCompiler { get; init; }
    /// <summary>Driver for C++ (clang++ or em++), null when missing (C++ cases then fail alone).</summary>
    public string? CxxCompiler { get; init; }
    /// <summary>First line of the C driver's <c>--version</c>.</summary>
    public required string Version { get; init; }
    /// <summary>Environment for compiler runs (the PATH the compilers were found on).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>
    /// The host's clang probe judged by the check <c>build</c> makes (wasm-ld, wasi-libc, the wasm32 builtins),
    /// so doctor never says yes where build says no.
    /// </summary>
    public static Toolchain Judge(Toolchain clang)
    {
        if (!clang.Available) return clang;
        try { DetectAsync(WasmCompiler.Clang).GetAwaiter().GetResult(); }
        catch (BadInputException e) { return clang with { Available = false, Reason = e.Message }; }
        return clang;
    }

    /// <summary>
    /// Finds the toolchain or throws a <see cref="BadInputException"/> naming what to install. Whether binaryen is
    /// installed does not matter: the build's link step has no <c>-O</c>, so clang never runs wasm-opt (BuildCommands.Wasm).
    /// </summary>
    public static async Task<BuildToolchain> DetectAsync(WasmCompiler compiler, string? pathVariable = null, CancellationToken ct = default)
    {
        var path = pathVariable ?? System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        // No wasm-opt is hidden from PATH: clang would find it beside itself anyway; the two-step build keeps it from
        // running (BuildCommands.Wasm), while emcc runs binaryen on purpose.
        var env = new Dictionary<string, string> { ["PATH"] = path };
        if (compiler == WasmCompiler.Emcc)
        {
            var emcc = Find("emcc", path)
                ?? throw new BadInputException("emcc (Emscripten) not found on PATH: apt-get install emscripten, or build with clang", "Compiler");
            return new BuildToolchain
            {
                Compiler = compiler, CCompiler = emcc, CxxCompiler = Find("em++", path),
                Version = await VersionAsync(emcc, env, ct), Environment = env,
            };
        }
        var clang = Find("clang", path);
        string? missing = clang is null ? "clang"
            : Find("wasm-ld", path) is null ? "wasm-ld (lld)"
            : !WasiLibcCandidates.Any(File.Exists) ? "wasi-libc"
            : null;
        if (missing is null && !await HasWasmBuiltinsAsync(clang!, env, ct)) missing = "libclang_rt.builtins-wasm32 (libclang-rt-14-dev-wasm32)";
        if (missing != null)
            throw new BadInputException($"wasm32-wasi toolchain incomplete ({missing} missing): {DebianInstallHint}");
        return new BuildToolchain
        {
            Compiler = compiler, CCompiler = clang!, CxxCompiler = Find("clang++", path),
            Version = await VersionAsync(clang!, env, ct), Environment = env,
        };
    }

    /// <summary>The native C and C++ compilers (clang, falling back to cc/c++) for expected outputs.</summary>
    public static (string C, string? Cxx) NativeCompilers(string? pathVariable = null)
    {
        var path = pathVariable ?? System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        var c = Find("clang", path) ?? Find("cc", path)
            ?? throw new BadInputException($"no native C compiler (clang or cc) on PATH: {DebianInstallHint}");
        return (c, Find("clang++", path) ?? Find("c++", path));
    }

    private static string? Find(string name, string path) => ExecutableSearch.Find(name, path);

    // clang prints the builtins archive it would link; Debian ships it in libclang-rt-14-dev-wasm32.
    private static async Task<bool> HasWasmBuiltinsAsync(string clang, IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        var r = await ToolProcess.RunAsync(clang, ["--target=wasm32-wasi", "-print-libgcc-file-name"], ProbeTimeout, env, ct: ct);
        var file = r.Stdout.Trim();
        return r.Ok && Path.IsPathRooted(file) && File.Exists(file);
    }

    private static async Task<string> VersionAsync(string tool, IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        var r = await ToolProcess.RunAsync(tool, ["--version"], ProbeTimeout, env, ct: ct);
        var line = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
        return r.Ok && line is not null ? line : throw new BadInputException($"'{tool} --version' failed: {r.Tail(200)}");
    }
}
