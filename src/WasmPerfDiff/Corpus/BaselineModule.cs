using System.Collections.Concurrent;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Corpus;

/// <summary>
/// The baseline of a module: the same bytes except that the body of the function exported as <c>_start</c>
/// is replaced by an empty one (no locals, <c>end</c>). Running it on a runtime costs exactly what running the
/// module costs before and after its work — process start, reading, validating and eagerly compiling every
/// function, instantiating (data segments), WASI setup, exit and teardown — so <c>run − baseline</c> is the
/// execution phase of a module that carries no markers.
/// </summary>
/// <remarks>
/// Only one code-section entry changes: every function, type, table and export index stays the same and every
/// other function body stays byte-identical, so an eager compiler compiles the same code in both. Sizes are
/// unsigned LEB128 (core spec §5.2.2); the replaced entry and the code section get new sizes, nothing else is
/// re-encoded. The splice does not need to understand instructions, so post-MVP opcodes (SIMD, bulk memory,
/// GC, …) pass through untouched. The result is validated (Wasmtime) before it is used; a module without a
/// function export <c>_start</c> (a reactor, or a command whose <c>_start</c> returns values) has no baseline.
/// Why a splice and not a library: NuGet has no wasm rewriting library; binaryen (<c>wasm-opt</c>) and wabt
/// (<c>wasm2wat</c>/<c>wat2wasm</c>) rebuild every function from their IR — the other bodies then differ byte-wise,
/// i.e. the baseline would compile other code than the module — and add a native tool dependency.
/// </remarks>
public static class BaselineModule
{
    private const byte SectionImport = 2, SectionExport = 7, SectionCode = 10;
    private const byte ExportFunction = 0;

    /// <summary>An empty body: zero local declarations, then <c>end</c>.</summary>
    private static readonly byte[] EmptyBody = [0x00, 0x0B];

    private static readonly ConcurrentDictionary<string, string?> Paths = new(StringComparer.Ordinal);

    /// <summary>The derived bytes, or null (with <paramref name="reason"/>) when the module has no <c>_start</c> function or cannot be parsed.</summary>
    public static byte[]? Derive(ReadOnlySpan<byte> module, out string? reason)
    {
        try
        {
            return DeriveOrThrow(module, out reason);
        }
        catch (InvalidDataException e)
        {
            reason = e.Message;
            return null;
        }
    }

    private static byte[]? DeriveOrThrow(ReadOnlySpan<byte> module, out string? reason)
    {
        var reader = new WasmBinaryReader(module);
        reader.ExpectHeader();
        var imported = 0;
        uint? start = null;
        int codeHeader = -1, codeContent = -1, codeSize = -1;
        while (!reader.AtEnd)
        {
            var header = reader.Position;
            var id = reader.Byte();
            var size = (int)reader.U32();
            var contentAt = reader.Position;
            var section = reader.Slice(size);
            switch (id)
            {
                case SectionImport: imported = section.CountImportedFunctions(); break;
                case SectionExport: start = FindStart(section); break;
                case SectionCode: (codeHeader, codeContent, codeSize) = (header, contentAt, size); break;
            }
        }
        if (start is not uint func) { reason = "the module exports no function _start"; return null; }
        if (func < imported || codeHeader < 0) { reason = "_start is an imported function"; return null; }

        // Walk the code entries up to the one of _start (defined function index = func − imported).
        var code = new WasmBinaryReader(module.Slice(codeContent, codeSize));
        var count = code.U32();
        var target = func - (uint)imported;
        if (target >= count) { reason = "_start has no body in the code section"; return null; }
        for (var i = 0; i < target; i++) code.Slice((int)code.U32());
        var entryAt = code.Position;
        var bodySize = (int)code.U32();
        code.Slice(bodySize);
        var entryEnd = code.Position;

        var newEntry = Concat(Leb(EmptyBody.Length), EmptyBody);
        var newCodeSize = codeSize - (entryEnd - entryAt) + newEntry.Length;
        using var output = new MemoryStream(module.Length);
        output.Write(module[..codeHeader]);
        output.WriteByte(SectionCode);
        output.Write(Leb(newCodeSize));
        output.Write(module.Slice(codeContent, entryAt));
        output.Write(newEntry);
        output.Write(module[(codeContent + entryEnd)..]);
        reason = null;
        return output.ToArray();
    }

    private static uint? FindStart(WasmBinaryReader section)
    {
        var count = section.U32();
        for (var i = 0; i < count; i++)
        {
            var name = section.Name();
            var kind = section.Byte();
            var index = section.U32();
            if (kind == ExportFunction && name == "_start") return index;
        }
        return null;
    }

    /// <summary>Unsigned LEB128 in its shortest form.</summary>
    internal static byte[] Leb(int value)
    {
        var bytes = new List<byte>(5);
        var v = (uint)value;
        do
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            if (v != 0) b |= 0x80;
            bytes.Add(b);
        } while (v != 0);
        return bytes.ToArray();
    }

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];

    /// <summary>
    /// Path of the baseline of the module at <paramref name="wasmPath"/>, derived once per module content into
    /// <paramref name="cacheDir"/> (default: a folder under the temp directory) and validated; null when the
    /// module has none (see <see cref="Derive"/>).
    /// </summary>
    public static string? PathFor(string wasmPath, string? cacheDir = null)
    {
        string sha;
        try { sha = FileHash.Sha256Hex(wasmPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadInputException) { return null; }
        var dir = cacheDir ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wasm-perfdiff-baselines");
        return Paths.GetOrAdd(sha + "|" + dir, string? (_) =>
        {
            var path = System.IO.Path.Combine(dir, sha + ".baseline.wasm");
            if (File.Exists(path)) return path;
            byte[] bytes;
            try { bytes = File.ReadAllBytes(wasmPath); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
            var derived = Derive(bytes, out string? _);
            if (derived is null) return null;
            Directory.CreateDirectory(dir);
            var tmp = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(tmp, derived);
            try { ModuleCheck.EnsureValid(tmp); }
            catch (BadInputException) { File.Delete(tmp); return null; }
            File.Move(tmp, path, overwrite: true);
            return path;
        });
    }
}
