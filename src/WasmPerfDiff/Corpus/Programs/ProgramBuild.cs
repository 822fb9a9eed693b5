using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Programs;

/// <summary>
/// The three builds of a generated program: wasm32-wasi (the module), native (expected output, timing) and native
/// under UBSan. Contraction of a*b+c into a fused multiply-add is off in all three, so floating-point results
/// agree between x86-64 and wasm (which has no FMA).
/// </summary>
public sealed class ProgramBuild(BuildToolchain wasm, string nativeCompiler)
{
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] Flags = ["-w", "-ffp-contract=off"];
    private static readonly string[] Common = [.. Flags, "-I" + CsmithProgram.IncludeDir];

    public static async Task<ProgramBuild> DetectAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(CsmithProgram.IncludeDir, "csmith.h")))
            throw new BadInputException($"csmith.h not found in {CsmithProgram.IncludeDir} ({CsmithProgram.InstallHint})");
        var toolchain = await BuildToolchain.DetectAsync(WasmCompiler.Clang, ct: ct);
        return new ProgramBuild(toolchain, toolchain.CCompiler);
    }

    /// <summary>The corpus build's own steps (compile, then a link binaryen's wasm-opt never rewrites), with the flags above.</summary>
    public Task<ToolResult> WasmAsync(string source, string output, CancellationToken ct) =>
        BuildCommands.RunAsync(wasm.CCompiler, BuildCommands.Wasm(WasmCompiler.Clang, "O2", "c", Flags), source, output, CsmithProgram.IncludeDir,
            CompileTimeout, wasm.Environment, ct);

    public Task<ToolResult> NativeAsync(string source, string output, CancellationToken ct) =>
        ToolProcess.RunAsync(nativeCompiler, ["-O2", .. Common, "-o", output, source, "-lm"], CompileTimeout, wasm.Environment, ct: ct);

    /// <summary>Recovering UBSan: a report is a "runtime error:" line on stderr and the run goes on, so its output can be compared too.</summary>
    public Task<ToolResult> SanitizedAsync(string source, string output, CancellationToken ct) =>
        ToolProcess.RunAsync(nativeCompiler, ["-O1", "-fsanitize=undefined", .. Common, "-o", output, source, "-lm"], CompileTimeout, wasm.Environment, ct: ct);
}
