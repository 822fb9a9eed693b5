using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Build;

/// <summary>
/// The compiler command lines of a corpus build, with <c>{src}</c>, <c>{out}</c> and <c>{inc}</c> placeholders
/// so the same list is both run and hashed into the cache key. DWARF is stripped, the name section kept
/// (profiling maps JIT symbols to function names); no SIMD, no wasm-opt. A build is a list of steps run in order.
/// </summary>
public static class BuildCommands
{
    private static readonly string[] CxxNoRuntime = ["-fno-exceptions", "-fno-rtti"];

    /// <summary>
    /// The wasm build as steps run in order. clang compiles (<c>-c</c>, optimized) and links in two steps because its
    /// driver runs binaryen's wasm-opt after any link that sees an <c>-O</c> option, finding it beside clang even when
    /// PATH hides it (Debian installs both in /usr/bin); the link step has no <c>-O</c>, so the module is clang's and
    /// wasm-ld's alone, byte for byte what the one-step build made without binaryen.
    /// </summary>
    /// <param name="compileFlags">More flags for the compile step (e.g. <c>-ffp-contract=off</c>), kept out of the link.</param>
    public static IReadOnlyList<IReadOnlyList<string>> Wasm(WasmCompiler compiler, string opt, string language, IReadOnlyList<string>? compileFlags = null)
    {
        var cxx = language == "c++";
        if (compiler == WasmCompiler.Clang)
        {
            var compile = new List<string> { "--target=wasm32-wasi", "-" + opt };
            if (cxx) compile.AddRange(CxxNoRuntime);
            compile.AddRange(compileFlags ?? []);
            compile.AddRange(["-I{inc}", "-c", "-o", "{obj}", "{src}"]);
            // Debian has no libc++ for wasm32-wasi; our C++ cases use no C++ library at all.
            var link = new List<string> { "--target=wasm32-wasi" };
            if (cxx) link.Add("-nostdlib++");
            link.AddRange(["-Wl,--strip-debug", "-o", "{out}", "{obj}"]);
            return [compile, link];
        }
        // emcc runs wasm-opt itself; --profiling-funcs keeps the function names.
        var flags = new List<string> { "-" + opt, "-sSTANDALONE_WASM", "--profiling-funcs" };
        if (cxx) flags.AddRange(CxxNoRuntime);
        flags.AddRange(compileFlags ?? []);
        flags.AddRange(["-I{inc}", "-o", "{out}", "{src}"]);
        return [flags];
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

    /// <summary>Fills a step's placeholders; <c>{obj}</c> is the intermediate object file beside the output.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> template, string src, string output, string include) =>
        template.Select(a => a.Replace("{src}", src).Replace("{out}", output).Replace("{inc}", include).Replace("{obj}", output + ".o"));

    /// <summary>
    /// Runs a build's steps in order and stops at the first that fails; returns that step's result, else the last one.
    /// The intermediate object file (<c>{obj}</c>) is removed either way.
    /// </summary>
    public static async Task<ToolResult> RunAsync(string driver, IReadOnlyList<IReadOnlyList<string>> steps, string src, string output, string include,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        try
        {
            ToolResult? result = null;
            foreach (var step in steps)
            {
                result = await ToolProcess.RunAsync(driver, Expand(step, src, output, include), timeout, environment, ct: ct);
                if (!result.Ok) break;
            }
            return result ?? throw new ArgumentException("a build has at least one step", nameof(steps));
        }
        finally
        {
            if (File.Exists(output + ".o")) File.Delete(output + ".o");
        }
    }
}
