using System.Globalization;
using System.Text.RegularExpressions;

namespace WasmPerfDiff.Profiling;

/// <summary>
/// Turns perf's raw frames into clean, runtime-independent names, so that the same wasm function
/// has the same name on every runtime (a differential flame graph matches frames by name):
/// <list type="bullet">
/// <item>embedded Wasmtime / wasmtime CLI perf maps: <c>wasm[0]::function[27]</c> (module without names) or the
///   module's own name; trampolines <c>wasm[0]::array_to_wasm_trampoline[5]</c>, <c>signatures[3]::wasm_to_array_trampoline</c>;</item>
/// <item>node <c>--perf-basic-prof</c>: <c>JS:hot_loop-10-turbofan</c>, <c>JS:wasm-function[10]-10-liftoff</c>
///   (name, function index, tier), import wrappers <c>JS:wasm-to-js:ii:i-fd_write-5-turbofan</c>;</item>
/// <item>native code: symbol without <c>+0x</c> offset, <c>[dso]</c> when perf has no symbol.</item>
/// </list>
/// Guest function indices are mapped to the name section's names (imports included in the numbering).
/// </summary>
public sealed partial class FrameNamer(WasmFunctionNames names)
{
    [GeneratedRegex(@"^wasm\[\d+\]::function\[(?<index>\d+)\]$")]
    private static partial Regex WasmtimeFunction();

    [GeneratedRegex(@"^(wasm\[\d+\]|signatures\[\d+\])::(?<kind>[a-z_]*trampoline)(\[\d+\])?$")]
    private static partial Regex WasmtimeTrampoline();

    [GeneratedRegex(@"^JS:(?<name>.*)-(?<index>\d+)-(?<tier>turbofan|liftoff|[a-z]+)$")]
    private static partial Regex NodeWasmFunction();

    [GeneratedRegex(@"^(JS|Builtin|BytecodeHandler|Stub|RegExp|Handler|Script|Function|LazyCompile|Eval|Callback|Code):")]
    private static partial Regex NodeNonWasm();

    /// <summary>An offset perf may append (<c>+0x1c</c>) and a symbol version (<c>@@GLIBC_2.34</c>): neither names a different function.</summary>
    [GeneratedRegex(@"(@@?[A-Za-z_][\w.]*)?(\+0x[0-9a-fA-F]+)?$")]
    private static partial Regex SymbolOffset();

    /// <summary>Kernel addresses on x86-64 live in the upper half of the address space.</summary>
    private const ulong KernelAddressStart = 0xffff_8000_0000_0000;

    public WasmFunctionNames Names { get; } = names;

    public StackFrame Name(RawFrame frame)
    {
        var symbol = SymbolOffset().Replace(frame.Symbol, "");
        if (frame.Dso == "[kernel.kallsyms]" || frame.Ip >= KernelAddressStart)
            return new StackFrame(symbol == "[unknown]" ? "[kernel]" : symbol, FrameKind.Kernel);
        if (symbol is "[unknown]" or "")
            return new StackFrame(UnknownIn(frame.Dso), FrameKind.Host);

        if (WasmtimeFunction().Match(symbol) is { Success: true } wt)
            return Guest(Index(wt));
        if (WasmtimeTrampoline().Match(symbol) is { Success: true } tramp)
            return new StackFrame($"wasmtime::{tramp.Groups["kind"].Value}", FrameKind.Host);
        if (NodeWasmFunction().Match(symbol) is { Success: true } node)
        {
            var name = node.Groups["name"].Value;
            foreach (var wrapper in (string[])["wasm-to-js", "js-to-wasm"])
                if (name.StartsWith(wrapper + ":", StringComparison.Ordinal))
                    return new StackFrame($"{wrapper}:{Names.NameOf(Index(node))}", FrameKind.Host);
            return Guest(Index(node));
        }
        if (IsPerfMap(frame.Dso) && !NodeNonWasm().IsMatch(symbol) && !symbol.StartsWith("wasmtime_", StringComparison.Ordinal)
            && !symbol.StartsWith("module_start[", StringComparison.Ordinal))
            return new StackFrame(symbol, FrameKind.Guest); // Wasmtime names a function from the name section itself.
        return new StackFrame(symbol, FrameKind.Host);
    }

    /// <summary>
    /// The JIT tier that compiled the innermost guest frame of a sample, where the symbol map says it
    /// (node writes <c>-liftoff</c> / <c>-turbofan</c>; Wasmtime's maps do not name a tier): shows
    /// whether a run really stayed on the tier it was configured for.
    /// </summary>
    public static string? GuestTier(PerfSample sample)
    {
        foreach (var frame in sample.Frames) // leaf first
            if (NodeWasmFunction().Match(SymbolOffset().Replace(frame.Symbol, "")) is { Success: true } m
                && !m.Groups["name"].Value.StartsWith("wasm-to-js:", StringComparison.Ordinal)
                && !m.Groups["name"].Value.StartsWith("js-to-wasm:", StringComparison.Ordinal))
                return m.Groups["tier"].Value;
        return null;
    }

    public IReadOnlyList<StackFrame> NameStack(PerfSample sample)
    {
        // perf prints the leaf first; folded stacks go from the root to the leaf.
        var frames = new StackFrame[sample.Frames.Count];
        for (var i = 0; i < frames.Length; i++)
            frames[frames.Length - 1 - i] = Name(sample.Frames[i]);
        return frames;
    }

    /// <summary>An address without a symbol is named by its object: <c>[libcoreclr.so]</c>, <c>[memfd:doublemapper]</c> (.NET's JIT code).</summary>
    private static string UnknownIn(string dso)
    {
        if (dso is "[unknown]" or "")
            return "[unknown]";
        var name = Path.GetFileName(dso.Replace(" (deleted)", "", StringComparison.Ordinal));
        return $"[{(name.Length > 0 ? name : dso)}]";
    }

    private StackFrame Guest(int index) => new(Names.NameOf(index), FrameKind.Guest);

    private static int Index(Match m) => int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture);

    /// <summary>JIT symbol maps are <c>/tmp/perf-&lt;pid&gt;.map</c>, which perf names as the frame's object.</summary>
    public static bool IsPerfMap(string dso) =>
        Path.GetFileName(dso).StartsWith("perf-", StringComparison.Ordinal) && dso.EndsWith(".map", StringComparison.Ordinal);
}
