namespace WasmPerfDiff.Corpus.Build;

/// <summary>
/// The compiler command lines of a corpus build, with <c>{src}</c>, <c>{out}</c> and <c>{inc}</c> placeholders
/// so the same list is both run and hashed into the cache key. DWARF is stripped, the name section kept
/// (profiling maps JIT symbols to function names); no SIMD, no wasm-opt.
/// </summary>
public static class BuildCommands
{
    private static readonly string[] CxxNoRuntime = ["-fno-exceptions", "-fno-rtti"];

    public static IReadOnlyList<string> Wasm(WasmCompiler compiler, string opt, string language)
    {
        var cxx = language == "c++";
        var flags = new List<string>();
        if (compiler == WasmCompiler.Clang)
        {
            flags.AddRange(["--target=wasm32-wasi", "-" + opt]);
            // Debian has no libc++ for wasm32-wasi; our C++ cases use no C++ library at all.
            if (cxx) flags.AddRange([.. CxxNoRuntime, "-nostdlib++"]);
            flags.Add("-Wl,--strip-debug");
        }
        else
        {
            // emcc runs wasm-opt itself; --profiling-funcs keeps the function names.
            flags.AddRange(["-" + opt, "-sSTANDALONE_WASM", "--profiling-funcs"]);
            if (cxx) flags.AddRange(CxxNoRuntime);
        }
        flags.AddRange(["-I{inc}", "-o", "{out}", "{src}"]);
        return flags;
    }

    public static IReadOnlyList<string> Native(string opt, string language)
    {
        var flags = new List<string> { "-" + opt };
        if (language == "c++") flags.AddRange(CxxNoRuntime);
        flags.AddRange(["-I{inc}", "-o", "{out}", "{src}", "-lm"]);
        return flags;
    }

    /// <summary>Flags for compiling a generator program (always optimized: it only writes C).</summary>
    public static IReadOnlyList<string> Generator() => ["-O2", "-o", "{out}", "{src}"];

    public static IEnumerable<string> Expand(IEnumerable<string> template, string src, string output, string include) =>
        template.Select(a => a.Replace("{src}", src).Replace("{out}", output).Replace("{inc}", include));
}
