using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Reduction;

/// <summary>A source candidate built: the module, and the native UBSan build whose output the module must match; or why not.</summary>
public sealed record CandidateBuild(string? WasmPath, string? NativePath, string? Problem);

/// <summary>
/// Builds a C candidate as the corpus is built (<see cref="BuildCommands.Wasm"/>, clang for wasm32-wasi, no wasm-opt on
/// PATH) and natively with gcc's <c>-fsanitize=undefined -fno-sanitize-recover=undefined</c>, so undefined behaviour
/// (which reductions love to introduce) ends the native run with an error instead of passing silently. gcc, because
/// Debian's clang needs an extra package for its UBSan runtime while gcc's comes with it. The same build turns the
/// warnings in <see cref="Warnings"/> into errors.
/// </summary>
public static partial class CandidateBuilder
{
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromSeconds(60);

    public static readonly IReadOnlyList<string> Sanitize = ["-fsanitize=undefined", "-fno-sanitize-recover=undefined"];

    /// <summary>
    /// Mistakes UBSan cannot see at run time but a reducer makes all the time: reading a variable it stopped
    /// initialising, assigning a pointer to an integer, calling a function whose declaration it deleted, falling off
    /// the end of a non-void function. gcc finds them at <c>-O1</c>; as errors they make the candidate not build.
    /// (Seen: C-Vise turned sha256's <c>w[i] = w[i-16] + …</c> into <c>w[i] = w + …</c>, which clang only warns about.)
    /// </summary>
    public static readonly IReadOnlyList<string> Warnings =
    [
        "-Werror=uninitialized", "-Werror=maybe-uninitialized", "-Werror=int-conversion", "-Werror=incompatible-pointer-types",
        "-Werror=implicit-function-declaration", "-Werror=implicit-int", "-Werror=return-type", "-Werror=int-to-pointer-cast",
        "-Werror=pointer-to-int-cast", "-Werror=array-bounds", "-Werror=div-by-zero", "-Werror=shift-count-overflow",
        "-Werror=aggressive-loop-optimizations",
    ];

    /// <summary>
    /// clang's flow analysis of locals, on the wasm build: gcc at <c>-O1</c> missed a loop variable C-Vise had left
    /// uninitialised (<c>uint64_t x; … x = total += __builtin_popcountll(x);</c>), which both compilers then folded to the
    /// same output. "Conditional" also flags a read that happens only when a loop runs zero times; a reduced program is
    /// better without that doubt, and no program of our corpus or of <c>gen programs</c> trips it.
    /// </summary>
    public static readonly IReadOnlyList<string> WasmWarnings = ["-Werror=uninitialized", "-Werror=sometimes-uninitialized", "-Werror=conditional-uninitialized"];

    /// <summary>valgrind's exit code when memcheck found an error (any code the programs themselves do not use).</summary>
    private const int MemcheckErrorExit = 97;

    /// <summary>
    /// The program's own code as a wasm object file (the build's compile step alone, nothing linked), for its opcode
    /// profile: the linked module also holds wasi-libc, whose <c>printf</c> loops outweigh a reduced kernel. Null when it
    /// does not compile.
    /// </summary>
    public static async Task<string?> ObjectAsync(ReductionSpec spec, string source, string workDir, string name, CancellationToken ct)
    {
        var output = Path.Combine(workDir, name); // the compile step writes output + ".o", as in the two-step build
        var compile = BuildCommands.Wasm(WasmCompiler.Clang, "O2", spec.Language)[0];
        var r = await ToolProcess.RunAsync(spec.WasmCompiler!, BuildCommands.Expand(compile, source, output, spec.IncludeDirectory ?? workDir),
            CompileTimeout, ct: ct);
        return r.Ok && File.Exists(output + ".o") ? output + ".o" : null;
    }

    public static async Task<CandidateBuild> BuildAsync(ReductionSpec spec, string source, string workDir, CancellationToken ct)
    {
        var include = spec.IncludeDirectory ?? workDir;
        var wasm = Path.Combine(workDir, "candidate.wasm");
        var native = Path.Combine(workDir, "candidate-ubsan");
        var nativeArgs = Sanitize.Concat(Warnings).Concat(BuildCommands.Expand(BuildCommands.Native("O1", spec.Language), source, native, include));
        // Both at once: most candidates a reducer proposes do not build, so the builds are most of its checks' time.
        var wasmBuild = BuildCommands.RunAsync(spec.WasmCompiler!, BuildCommands.Wasm(WasmCompiler.Clang, "O2", spec.Language, WasmWarnings), source, wasm, include,
            CompileTimeout, null, ct);
        var nativeBuild = ToolProcess.RunAsync(spec.NativeCompiler!, nativeArgs, CompileTimeout, ct: ct);
        var (built, nativeBuilt) = (await wasmBuild, await nativeBuild);
        if (!built.Ok) return new(null, null, "does not build for wasm32-wasi: " + FirstLine(built.Stderr));
        if (!nativeBuilt.Ok) return new(wasm, null, "does not build natively with UBSan: " + FirstLine(nativeBuilt.Stderr));
        return new(wasm, native, null);
    }

    /// <summary>
    /// The plain native build memcheck runs (no sanitizer, no debug information), compiled from the candidate's own
    /// folder by its bare file name: nothing in it then depends on where the reducer put the candidate or on which
    /// lines moved, so an edit the compiler optimises away gives the same binary, whose memcheck verdict is known
    /// (<see cref="MemcheckVerdicts"/>). The UBSan build cannot serve: it records the file path and line of every check.
    /// Null when it does not build (the UBSan build of the same source did, so this is rare).
    /// </summary>
    public static async Task<string?> PlainAsync(ReductionSpec spec, string source, string workDir, CancellationToken ct)
    {
        var output = Path.Combine(workDir, "candidate-plain");
        var args = BuildCommands.Expand(BuildCommands.Native("O1", spec.Language), Path.GetFileName(source), output, spec.IncludeDirectory ?? workDir);
        var r = await ToolProcess.RunAsync(spec.NativeCompiler!, args, CompileTimeout, ct: ct, workingDirectory: Path.GetDirectoryName(Path.GetFullPath(source)));
        return r.Ok && File.Exists(output) ? output : null;
    }

    /// <summary>Runs the UBSan build; returns the SHA-256 of its stdout, or why the run does not count (UB, a crash, a nonzero exit).</summary>
    public static async Task<(string? StdoutSha256, int? ExitCode, string? Problem)> RunNativeAsync(string native, IReadOnlyList<string> args, string? stdin,
        TimeSpan timeout, CancellationToken ct)
    {
        var spec = new ProcessSpec(native, args, timeout) { StdinPath = stdin };
        var outcome = await ChildProcess.RunAsync(spec, null, ct);
        if (outcome.TimedOut) return (null, null, "the native UBSan build timed out");
        var stderr = outcome.Stderr.HeadText;
        if (stderr.Contains("runtime error:", StringComparison.Ordinal)) return (null, outcome.ExitCode, "UBSan: " + FirstLine(stderr[stderr.IndexOf("runtime error:", StringComparison.Ordinal)..]));
        if (outcome.Signal is int sig) return (null, null, $"the native build died by signal {sig}");
        return (outcome.Stdout.Sha256, outcome.ExitCode, null);
    }

    /// <summary>
    /// Runs the native build under valgrind's memcheck; returns what it found, or null. It sees what neither UBSan nor a
    /// comparison of outputs can: a read of memory never written (a <c>malloc</c>ed buffer, a local array) that reaches a
    /// branch or the output. Fresh wasm memory is zeroed, and a young native heap often is too, so both builds print the
    /// same, and the program would still be wrong to send upstream (seen: the reduced sha256 printed an unwritten digest).
    /// Tens of times slower than the plain run, so only a candidate that passed every other check gets it.
    /// </summary>
    public static async Task<string?> MemcheckAsync(string valgrind, string native, IReadOnlyList<string> args, string? stdin, TimeSpan timeout,
        CancellationToken ct)
    {
        var spec = new ProcessSpec(valgrind, ["--tool=memcheck", "-q", $"--error-exitcode={MemcheckErrorExit}", "--exit-on-first-error=yes", native, .. args],
            timeout) { StdinPath = stdin };
        var outcome = await ChildProcess.RunAsync(spec, null, ct);
        if (outcome.TimedOut) return "the native build did not finish under valgrind's memcheck";
        if (outcome.ExitCode != MemcheckErrorExit) return null;
        // Its report's lines start "==PID== "; the first one names the error.
        var first = outcome.Stderr.HeadText.Split('\n').Select(l => MemcheckPrefix().Replace(l, "").Trim()).FirstOrDefault(l => l.Length > 0) ?? "an error";
        return "memcheck: " + first;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^==\d+==")]
    private static partial System.Text.RegularExpressions.Regex MemcheckPrefix();

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            ?? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
