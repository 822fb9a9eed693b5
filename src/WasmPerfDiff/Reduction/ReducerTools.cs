using WasmPerfDiff.Host;

namespace WasmPerfDiff.Reduction;

/// <summary>The external programs a reduction needs, each found on PATH or named with the Debian package that installs it.</summary>
public static class ReducerTools
{
    /// <summary>The program's path; missing → bad input naming the package (field <c>Tool</c>).</summary>
    public static string Require(string program, string package, string purpose) =>
        ExecutableSearch.Find(program)
        ?? throw new BadInputException($"{program} not found on PATH ({purpose}): apt-get install {package}", "Tool");

    /// <summary>Every tool a reduction at <paramref name="level"/> runs: the reducer and, at source level, the two compilers
    /// and valgrind (the native build's memcheck).</summary>
    public static ReductionTools ForLevel(ReductionLevel level) => level == ReductionLevel.C
        ? new(Require("cvise", "cvise", "source-level reduction"),
              Require("clang", "clang lld wasi-libc libclang-rt-14-dev-wasm32", "builds candidates for wasm32-wasi"),
              Require("gcc", "gcc", "the native UBSan build of candidates"),
              Require("valgrind", "valgrind", "checks a kept candidate's native build for reads of memory it never wrote"))
        : new(Require("wasm-reduce", "binaryen", "wasm-level reduction"), null, null, null);
}

/// <summary>The programs one reduction runs (null: not needed at its level).</summary>
public sealed record ReductionTools(string Reducer, string? WasmCompiler, string? NativeCompiler, string? Memcheck);
