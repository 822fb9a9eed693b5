
namespace WasmPerfDiff.Host;

/// <summary>A build or analysis tool the project can use, and the Debian packages that provide it.</summary>
public sealed record Toolchain(string Name, bool Available, string? Version, string? Path, string? Reason, IReadOnlyList<string> DebianPackages, string Purpose);

/// <summary>Detects the toolchains the project uses (clang for wasm32-wasi, native cc, emcc, node, perf, valgrind, hyperfine).</summary>
public static class Toolchains
{
    /// <summary>The corpus compiler: found on PATH here; whether it can really build wasm32-wasi is the corpus build's own check.</summary>
    public const string Clang = "clang";

    public static IReadOnlyList<Toolchain> Detect()
    {
        return
        [
            Probe(Clang, "wasm32-wasi C compiler (corpus build)", ["clang", "lld", "wasi-libc", "libclang-rt-14-dev-wasm32"], "--version"),
            Probe("cc", "native build (expected outputs)", ["gcc"], "--version"),
            Probe("emcc", "alternative wasm compiler", ["emscripten"], "--version"),
            Probe("node", "V8 runtimes (v8-turbofan, v8-liftoff)", ["nodejs"], "--version"),
            Probe("perf", "profile (flame graphs)", ["linux-perf"], "--version"),
            Probe("valgrind", "instruction counts", ["valgrind"], "--version"),
            Probe("hyperfine", "bench/ comparisons", ["hyperfine"], "--version"),
            Probe("csmith", "gen programs / hunt (Csmith seeds; headers from libcsmith-dev)", ["csmith", "libcsmith-dev"], "--version"),
        ];
    }

    private static Toolchain Probe(string name, string purpose, IReadOnlyList<string> packages, string versionFlag)
    {
        var path = ExecutableSearch.Find(name);
        if (path is null) return new Toolchain(name, false, null, null, $"not on PATH (apt-get install {string.Join(' ', packages)})", packages, purpose);
        return new Toolchain(name, true, VersionProbe.FirstLine(path, [versionFlag]), path, null, packages, purpose);
    }
}
