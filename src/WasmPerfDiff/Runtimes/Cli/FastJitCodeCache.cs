using System.Globalization;

namespace WasmPerfDiff.Runtimes.Cli;

/// <summary>
/// WAMR Fast JIT's code cache, sized from the module. iwasm maps the whole cache at start-up and touches every page of
/// it, so its size is paid in start-up time and resident memory by every run: a fixed 256 MiB cost nbody 272 MB of RSS
/// and most of its start-up. The default (10 MiB) holds the code of every corpus module but the 5 MiB large-table one,
/// which needs 19 MiB (its machine code is about 3.5× its wasm code; large-switch and large-arith fit in 10 MiB).
/// So the option is given only to a module whose file, times <see cref="BytesPerModuleByte"/>, exceeds the default.
/// </summary>
public static class FastJitCodeCache
{
    /// <summary>iwasm's own default, <c>--jit-codecache-size</c> unset (its usage text: 10240 KB).</summary>
    public const long DefaultBytes = 10L << 20;

    /// <summary>Cache bytes per byte of module: the 3.5× large-table needs, with room for code that grows more.</summary>
    public const long BytesPerModuleByte = 8;

    /// <summary>The code cache option for this module, or none where the default holds it.</summary>
    public static IReadOnlyList<string> Options(string wasmPath)
    {
        var wanted = new FileInfo(wasmPath) is { Exists: true } f ? f.Length * BytesPerModuleByte : 0;
        if (wanted <= DefaultBytes) return [];
        var mib = (wanted + (1 << 20) - 1) >> 20; // whole MiB, rounded up
        return [$"--jit-codecache-size={(mib << 20).ToString(CultureInfo.InvariantCulture)}"];
    }
}
