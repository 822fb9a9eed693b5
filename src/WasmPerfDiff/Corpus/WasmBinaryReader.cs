using System.Text;

namespace WasmPerfDiff.Corpus;

/// <summary>Cursor over wasm binary data: bytes, unsigned LEB128, names, and the few compound shapes imports need.</summary>
internal ref struct WasmBinaryReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public readonly bool AtEnd => _pos >= _data.Length;

    /// <summary>Offset of the cursor inside the data it reads.</summary>
    public readonly int Position => _pos;

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

    // Import descriptor kinds (core spec §5.5.5); tags come from the exception-handling proposal.
    private const byte ImportFunction = 0, ImportTable = 1, ImportMemory = 2, ImportGlobal = 3, ImportTag = 4;

    /// <summary>Reads an import section's entries and counts the imported functions (they come first in the function index space).</summary>
    public int CountImportedFunctions()
    {
        var count = U32();
        var functions = 0;
        for (var i = 0; i < count; i++)
        {
            Name(); // module
            Name(); // field
            var kind = Byte();
            switch (kind)
            {
                case ImportFunction: U32(); functions++; break;
                case ImportTable: ValueTypeOrRef(); Limits(); break;
                case ImportMemory: Limits(); break;
                case ImportGlobal: ValueTypeOrRef(); Byte(); break;
                case ImportTag: Byte(); U32(); break;
                default: throw new InvalidDataException($"unknown import kind {kind}");
            }
        }
        return functions;
    }
}
