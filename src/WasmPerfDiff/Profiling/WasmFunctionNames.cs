using System.Text;

namespace WasmPerfDiff.Profiling;

/// <summary>
/// Function names of a wasm module, read from its custom "name" section (subsection 1, function
/// names). Function indices count imported functions first, then the module's own functions, which
/// is the numbering JIT symbol maps use (<c>wasm[0]::function[N]</c>, node's <c>name-N-tier</c>).
/// </summary>
public sealed class WasmFunctionNames
{
    private readonly IReadOnlyDictionary<int, string> _names;

    private WasmFunctionNames(IReadOnlyDictionary<int, string> names, int importedFunctions, int definedFunctions)
    {
        _names = names;
        ImportedFunctionCount = importedFunctions;
        DefinedFunctionCount = definedFunctions;
    }

    public static readonly WasmFunctionNames Empty = new(new Dictionary<int, string>(), 0, 0);

    /// <summary>Functions imported from the host (indices 0 .. count-1).</summary>
    public int ImportedFunctionCount { get; }

    /// <summary>Functions with a body in the module (indices after the imports).</summary>
    public int DefinedFunctionCount { get; }

    public int FunctionCount => ImportedFunctionCount + DefinedFunctionCount;

    /// <summary>Names by function index; only the functions the name section names.</summary>
    public IReadOnlyDictionary<int, string> Names => _names;

    public bool IsImported(int index) => index < ImportedFunctionCount;

    /// <summary>The module's name for a function, or the spec's text-format fallback <c>wasm-function[N]</c>.</summary>
    public string NameOf(int index) => _names.TryGetValue(index, out var name) ? name : $"wasm-function[{index}]";

    public static WasmFunctionNames ReadFile(string wasmPath)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(wasmPath); }
        catch (IOException e) { throw new BadInputException($"cannot read wasm module {wasmPath}: {e.Message}"); }
        try { return Read(bytes); }
        catch (InvalidDataException e) { throw new BadInputException($"{wasmPath}: {e.Message}"); }
    }

    /// <summary>Parses a module binary; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static WasmFunctionNames Read(ReadOnlySpan<byte> module)
    {
        var reader = new WasmBinaryReader(module);
        reader.ExpectHeader();
        var imported = 0;
        var defined = 0;
        var names = new Dictionary<int, string>();
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = (int)reader.U32();
            var section = reader.Slice(size);
            switch (id)
            {
                case SectionImport: imported = CountImportedFunctions(section); break;
                case SectionFunction: defined = (int)section.U32(); break;
                case SectionCustom:
                    if (section.Name() == "name")
                        ReadFunctionNames(section, names);
                    break;
            }
        }
        return new WasmFunctionNames(names, imported, defined);
    }

    // Section and subsection ids from the WebAssembly core spec (binary format, §5.5) and its
    // name-section appendix (§7.4).
    private const byte SectionCustom = 0;
    private const byte SectionImport = 2;
    private const byte SectionFunction = 3;
    private const byte NameSubsectionFunctions = 1;

    // Import descriptor kinds (§5.5.5); tags come from the exception-handling proposal.
    private const byte ImportFunction = 0, ImportTable = 1, ImportMemory = 2, ImportGlobal = 3, ImportTag = 4;

    private static int CountImportedFunctions(WasmBinaryReader section)
    {
        var count = section.U32();
        var functions = 0;
        for (var i = 0; i < count; i++)
        {
            section.Name(); // module
            section.Name(); // field
            var kind = section.Byte();
            switch (kind)
            {
                case ImportFunction: section.U32(); functions++; break;
                case ImportTable: section.ValueTypeOrRef(); section.Limits(); break;
                case ImportMemory: section.Limits(); break;
                case ImportGlobal: section.ValueTypeOrRef(); section.Byte(); break;
                case ImportTag: section.Byte(); section.U32(); break;
                default: throw new InvalidDataException($"unknown import kind {kind}");
            }
        }
        return functions;
    }

    private static void ReadFunctionNames(WasmBinaryReader section, Dictionary<int, string> names)
    {
        // A malformed name section must not make the module unusable: engines ignore it too.
        try
        {
            while (!section.AtEnd)
            {
                var id = section.Byte();
                var sub = section.Slice((int)section.U32());
                if (id != NameSubsectionFunctions)
                    continue;
                var count = sub.U32();
                for (var i = 0; i < count; i++)
                {
                    var index = (int)sub.U32();
                    names[index] = sub.Name();
                }
            }
        }
        catch (InvalidDataException)
        {
        }
    }
}

/// <summary>Cursor over wasm binary data: bytes, unsigned LEB128, names, and the few compound shapes imports need.</summary>
internal ref struct WasmBinaryReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public readonly bool AtEnd => _pos >= _data.Length;

    public void ExpectHeader()
    {
        ReadOnlySpan<byte> magic = [0x00, 0x61, 0x73, 0x6D];
        if (_data.Length < 8 || !_data[..4].SequenceEqual(magic))
            throw new InvalidDataException("not a WebAssembly module (bad magic)");
        var version = BitConverter.ToUInt32(_data[4..8]);
        if (version != 1)
            throw new InvalidDataException($"not a core WebAssembly module (version {version}; components are not supported)");
        _pos = 8;
    }

    public byte Byte()
    {
        if (_pos >= _data.Length)
            throw new InvalidDataException("unexpected end of module");
        return _data[_pos++];
    }

    /// <summary>Unsigned LEB128 up to 64 bits (memory64 limits use u64).</summary>
    public ulong U64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
        throw new InvalidDataException("LEB128 number too long");
    }

    public uint U32()
    {
        var value = U64();
        return value <= uint.MaxValue ? (uint)value : throw new InvalidDataException("u32 out of range");
    }

    public WasmBinaryReader Slice(int length)
    {
        if (length < 0 || length > _data.Length - _pos)
            throw new InvalidDataException("section runs past the end of the module");
        var slice = new WasmBinaryReader(_data.Slice(_pos, length));
        _pos += length;
        return slice;
    }

    public string Name()
    {
        var length = (int)U32();
        if (length > _data.Length - _pos)
            throw new InvalidDataException("name runs past the end of its section");
        var text = Encoding.UTF8.GetString(_data.Slice(_pos, length));
        _pos += length;
        return text;
    }

    /// <summary>Limits: a flags byte (bit 0 = has max, bit 3 = custom page size), min, optional max, optional page-size log2.</summary>
    public void Limits()
    {
        var flags = Byte();
        U64();
        if ((flags & 0x01) != 0)
            U64();
        if ((flags & 0x08) != 0)
            U32();
    }

    /// <summary>A value or reference type: one byte, except the typed-reference forms 0x63/0x64 followed by a heap type (s33).</summary>
    public void ValueTypeOrRef()
    {
        var type = Byte();
        if (type is 0x63 or 0x64)
            U64(); // heap type as LEB; its sign does not matter for skipping
    }
}
