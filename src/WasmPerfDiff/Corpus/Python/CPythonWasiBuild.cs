using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Python;

/// <summary>Where a finished CPython-for-WASI build lives: the install prefix, the interpreter module in it, and the
/// standard library the guest reads through a preopened directory.</summary>
public sealed record CPythonWasi(string Prefix, string Wasm, bool Cached, TimeSpan Took)
{
    /// <summary>Where the corpus programs are copied, inside the prefix so that one preopened directory serves both.</summary>
    public string ScriptsDirectory => Path.Combine(Prefix, "share", "wasm-perfdiff");

    /// <summary>The installed standard library.</summary>
    public string StandardLibrary => Path.Combine(Prefix, "lib", "python3.11");

    /// <summary>What a program embedding this interpreter links against: libpython and the two libraries its built-in
    /// <c>_decimal</c> and <c>pyexpat</c> need, which <c>make install</c> leaves in the build tree (copied beside it).</summary>
    public IReadOnlyList<string> LinkArchives => CPythonWasiBuild.LinkArchiveNames.Select(a => Path.Combine(Prefix, "lib", a)).ToList();
}

/// <summary>
/// Builds CPython 3.11 for wasm32-wasi from Debian's source with Debian's clang 14 and wasi-libc (CPython's tier-3
/// WASI target: a cross build driven by the machine's native python3.11, with wasi-libc's emulated signal,
/// getpid and process-clock libraries), and installs it into the per-user cache under a folder keyed by the source
/// and this recipe. The install prefix is compiled into the interpreter, which finds its standard library there,
/// so every runtime is given that same folder preopened at its own path. Built once per machine, never committed.
/// </summary>
public static class CPythonWasiBuild
{
    /// <summary>Bumped when the recipe below changes what gets built, so an older build is not reused.</summary>
    private const string Recipe = "2";
    private const string DoneMarker = ".complete";
    public const string BuildPython = "python3.11";

    /// <summary>The machine's own python3.11, or one line saying what it is needed for and how to install it.</summary>
    public static string NativePython(string neededFor) => ExecutableSearch.Find(BuildPython)
        ?? throw new BadInputException($"{BuildPython} is not on PATH: {neededFor} (apt-get install {BuildPython})");

    public static string CacheFolder() =>
        UserCache.Directory("python", $"cpython-{CPythonSource.Version}-{CPythonSource.TarballSha256[..12]}-r{Recipe}");

    /// <summary>The finished build, if there is one.</summary>
    public static CPythonWasi? Existing()
    {
        var folder = CacheFolder();
        var prefix = Path.Combine(folder, "prefix");
        var wasm = InterpreterPath(prefix);
        return File.Exists(Path.Combine(folder, DoneMarker)) && File.Exists(wasm) ? new CPythonWasi(prefix, wasm, true, TimeSpan.Zero) : null;
    }

    public static async Task<CPythonWasi> BuildAsync(TimeSpan limit, Action<string>? progress, CancellationToken ct)
    {
        if (Existing() is { } done) return done;
        var started = DateTime.UtcNow;
        var toolchain = await BuildToolchain.DetectAsync(WasmCompiler.Clang);
        var buildPython = NativePython("the WASI cross build of CPython needs a native one");
        foreach (var tool in new[] { "make", "llvm-ar", "llvm-ranlib" })
            if (ExecutableSearch.Find(tool) is null)
                throw new BadInputException($"{tool} is not on PATH: apt-get install {(tool == "make" ? "make" : "llvm")}");

        var folder = CacheFolder();
        var prefix = Path.Combine(folder, "prefix");
        var scratch = Path.Combine(folder, "src");
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true); // a build killed half-way starts over
        if (Directory.Exists(prefix)) Directory.Delete(prefix, recursive: true);
        Directory.CreateDirectory(scratch);

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(limit);
        try
        {
            progress?.Invoke($"fetching Debian's {CPythonSource.Package} {CPythonSource.Version} source");
            var source = await CPythonSource.FetchAsync(scratch, budget.Token);
            var build = Path.Combine(source, "builddir", "wasi");
            Directory.CreateDirectory(build);
            var env = Environment(toolchain, source);

            progress?.Invoke("configuring for wasm32-wasi");
            await Step("configure", Path.Combine(source, "configure"),
                ["-C", "--host=wasm32-unknown-wasi", "--build=x86_64-pc-linux-gnu", $"--with-build-python={buildPython}", $"--prefix={prefix}"],
                env, build, limit, budget.Token);
            var jobs = $"-j{Math.Max(1, System.Environment.ProcessorCount)}";
            progress?.Invoke($"compiling ({jobs})");
            await Step("make", "make", [jobs, .. MakeVariables], env, build, limit, budget.Token);
            progress?.Invoke($"installing into {prefix}");
            await Step("make install", "make", ["install", .. MakeVariables], env, build, limit, budget.Token);
            foreach (var (inBuild, name) in BuildTreeArchives)
                File.Copy(Path.Combine(build, inBuild), Path.Combine(prefix, "lib", name), overwrite: true);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BadInputException($"building CPython for WASI took longer than {limit.TotalMinutes:0} min (--max-time)", "MaxTime");
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
        var wasm = InterpreterPath(prefix);
        if (!File.Exists(wasm)) throw new BadInputException($"make install left no {wasm}");
        // The test suite is a third of the standard library and no program here imports it.
        var tests = Path.Combine(prefix, "lib", "python3.11", "test");
        if (Directory.Exists(tests)) Directory.Delete(tests, recursive: true);
        File.WriteAllText(Path.Combine(folder, DoneMarker), $"{CPythonSource.Tarball} {CPythonSource.TarballSha256}\n");
        return new CPythonWasi(prefix, wasm, false, DateTime.UtcNow - started);
    }

    /// <summary>No DWARF (it would triple the module; the name section stays for profiles) and no <c>-g</c> in the compile.</summary>
    private static readonly string[] MakeVariables = ["OPT=-DNDEBUG -fwrapv -O3 -Wall", "LDFLAGS_NODIST=-Wl,--strip-debug"];

    /// <summary>The static libraries of the built-in modules that <c>make install</c> does not install.</summary>
    private static readonly (string InBuild, string Name)[] BuildTreeArchives =
    [
        ("Modules/_decimal/libmpdec/libmpdec.a", "libmpdec.a"),
        ("Modules/expat/libexpat.a", "libexpat.a"),
    ];

    /// <summary>libpython first: the linker resolves an archive's references only from archives after it.</summary>
    internal static IEnumerable<string> LinkArchiveNames => ["libpython3.11.a", .. BuildTreeArchives.Select(a => a.Name)];

    private static string InterpreterPath(string prefix) => Path.Combine(prefix, "bin", "python3.11.wasm");

    private static Dictionary<string, string> Environment(BuildToolchain toolchain, string source)
    {
        // The whole PATH (configure needs sed, expr, …): clang runs binaryen's wasm-opt only when the link line has
        // an -O option, and CPython's has none, so the module is what clang and wasm-ld made even with binaryen here.
        var env = new Dictionary<string, string>
        {
            ["CONFIG_SITE"] = Path.Combine(source, "Tools", "wasm", "config.site-wasm32-wasi"),
            ["CC"] = $"{toolchain.CCompiler} --target=wasm32-wasi",
            ["CPP"] = $"{toolchain.CCompiler} --target=wasm32-wasi -E",
            ["CXX"] = $"{toolchain.CxxCompiler ?? toolchain.CCompiler} --target=wasm32-wasi",
            ["AR"] = "llvm-ar",
            ["RANLIB"] = "llvm-ranlib",
            ["CFLAGS"] = "-O2",
            // The host's zlib, uuid and lzma are native libraries: pkg-config must find none of them for the wasm build.
            ["PKG_CONFIG_PATH"] = "",
            ["PKG_CONFIG_LIBDIR"] = Path.Combine(source, "no-host-pkgconfig"),
        };
        return env;
    }

    /// <summary>One build step; its stdout, or one line naming the step and the tool's last words.</summary>
    internal static async Task<string> Step(string name, string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env,
        string workingDirectory, TimeSpan limit, CancellationToken ct)
    {
        var result = await ToolProcess.RunAsync(file, args, limit, env, ct: ct, workingDirectory: workingDirectory);
        ct.ThrowIfCancellationRequested();
        if (!result.Ok) throw new BadInputException($"CPython {name} failed: {result.Tail(600).ReplaceLineEndings(" ")}");
        return result.Stdout;
    }
}
