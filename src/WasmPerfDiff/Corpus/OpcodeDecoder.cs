using WasmPerfDiff.Corpus.Constructs;

namespace WasmPerfDiff.Corpus;

/// <summary>Walks every instruction of a module's code section and counts them into <see cref="OpcodeClasses"/> (see <see cref="OpcodeProfile"/>).</summary>
internal static class OpcodeDecoder
{
    private const byte SectionImport = 2, SectionCode = 10;

    public static OpcodeProfile Profile(ReadOnlySpan<byte> module)
    {
        var reader = new WasmBinaryReader(module);
        reader.ExpectHeader();
        var importNames = new List<string>();
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        double total = 0;
        int functions = 0, undecoded = 0;
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = (int)reader.U32();
            var section = reader.Slice(size);
            if (id == SectionImport) ReadImports(ref section, importNames);
            else if (id == SectionCode)
            {
                var count = section.U32();
                for (var f = 0; f < count; f++)
                {
                    var body = section.Slice((int)section.U32());
                    functions++;
                    if (!DecodeBody(ref body, importNames.Count + f, importNames, counts, ref total)) undecoded++;
                }
            }
        }
        return new OpcodeProfile(total, counts, functions, undecoded);
    }

    private static void ReadImports(ref WasmBinaryReader r, List<string> functionNames)
    {
        var count = r.U32();
        for (var i = 0; i < count; i++)
        {
            r.Name();
            var field = r.Name();
            var kind = r.Byte();
            switch (kind)
            {
                case 0: r.U32(); functionNames.Add(field); break;
                case 1: r.ValueTypeOrRef(); r.Limits(); break;
                case 2: r.Limits(); break;
                case 3: r.ValueTypeOrRef(); r.Byte(); break;
                case 4: r.Byte(); r.U32(); break;
                default: throw new InvalidDataException($"unknown import kind {kind}");
            }
        }
    }

    /// <summary>Counts one body; false when it holds an opcode this decoder does not know (counted up to there).</summary>
    private static bool DecodeBody(ref WasmBinaryReader r, int self, List<string> imports, Dictionary<string, double> counts, ref double total)
    {
        var groups = r.U32();
        for (var g = 0; g < groups; g++) { r.U32(); r.ValueTypeOrRef(); }
        // Control stack: true for a loop. Depth = loops open around the instruction.
        var stack = new Stack<bool>();
        var loops = 0;
        var previousConst = false;
        while (!r.AtEnd)
        {
            var weight = Math.Pow(OpcodeProfile.LoopWeight, Math.Min(loops, OpcodeProfile.MaxDepth));
            total += weight;
            var op = r.Byte();
            string? cls = null;
            var isConst = false;
            switch (op)
            {
                case 0x02 or 0x03 or 0x04 or 0x06: // block loop if try
                    r.U64();
                    stack.Push(op == 0x03);
                    if (op == 0x03) loops++;
                    break;
                case 0x0B: // end
                    if (stack.Count > 0 && stack.Pop()) loops--;
                    break;
                case 0x0C or 0x0D or 0x07 or 0x08 or 0x09 or 0x18 or 0x14 or 0x15 or 0xD2: r.U32(); break;
                case 0x0E:
                    var n = r.U32();
                    for (var k = 0; k <= n; k++) r.U32();
                    cls = OpcodeClasses.BrTable;
                    break;
                case 0x10:
                    var callee = (int)r.U32();
                    cls = callee < imports.Count ? (imports[callee] == "fd_write" ? OpcodeClasses.FdWrite : null)
                        : callee == self ? OpcodeClasses.Recursion : OpcodeClasses.Call;
                    break;
                case 0x11: r.U32(); r.U32(); cls = OpcodeClasses.CallIndirect; break;
                case 0x12: r.U32(); cls = OpcodeClasses.ReturnCall; break;
                case 0x13: r.U32(); r.U32(); cls = OpcodeClasses.ReturnCall; break;
                case 0x1B: cls = OpcodeClasses.Select; break;
                case 0x1C:
                    var types = r.U32();
                    for (var k = 0; k < types; k++) r.ValueTypeOrRef();
                    cls = OpcodeClasses.Select;
                    break;
                case >= 0x20 and <= 0x22: r.U32(); cls = OpcodeClasses.Local; break;
                case 0x23 or 0x24: r.U32(); cls = OpcodeClasses.Global; break;
                case 0x25 or 0x26: r.U32(); break;
                case >= 0x28 and <= 0x3E: cls = MemoryClass(op, MemArg(ref r)); break;
                case 0x3F: r.U32(); break;
                case 0x40: r.U32(); cls = OpcodeClasses.MemoryGrow; break;
                case 0x41 or 0x42: r.U64(); isConst = true; break;
                case 0x43: r.Slice(4); isConst = true; break;
                case 0x44: r.Slice(8); isConst = true; break;
                case 0xD0: r.U64(); break;
                case 0xFC: cls = Prefixed(ref r); break;
                case 0xFD: cls = Simd(ref r); break;
                case 0xFE:
                    var atomic = r.U32();
                    if (atomic == 0x03) r.Byte(); else MemArg(ref r);
                    break;
                case 0x00 or 0x01 or 0x05 or 0x0F or 0x19 or 0x1A or 0xD1: break;
                case >= 0x45 and <= 0xC4: cls = Numeric(op, previousConst); break;
                default: return false;
            }
            if (cls is not null) counts[cls] = counts.GetValueOrDefault(cls) + weight;
            previousConst = isConst;
        }
        return true;
    }

    /// <summary>Reads a memarg (alignment with the multi-memory flag, optional memory index, offset) and returns log2 of the alignment.</summary>
    private static uint MemArg(ref WasmBinaryReader r)
    {
        var align = r.U32();
        if ((align & 0x40) != 0) r.U32();
        r.U64();
        return align & 0x3F;
    }

    private static string? MemoryClass(byte op, uint alignLog2)
    {
        int bits = op switch
        {
            0x2C or 0x2D or 0x30 or 0x31 or 0x3A or 0x3C => 8,
            0x2E or 0x2F or 0x32 or 0x33 or 0x3B or 0x3D => 16,
            0x28 or 0x2A or 0x34 or 0x35 or 0x36 or 0x38 or 0x3E => 32,
            _ => 64,
        };
        var natural = bits switch { 8 => 0u, 16 => 1u, 32 => 2u, _ => 3u };
        return OpcodeClasses.Memory(bits, bits == 8 || alignLog2 >= natural);
    }

    private static string? Numeric(byte op, bool byConst) => op switch
    {
        0x6D or 0x6E => OpcodeClasses.DivRem(32, "div", byConst),
        0x6F or 0x70 => OpcodeClasses.DivRem(32, "rem", byConst),
        0x7F or 0x80 => OpcodeClasses.DivRem(64, "div", byConst),
        0x81 or 0x82 => OpcodeClasses.DivRem(64, "rem", byConst),
        >= 0x7C and <= 0x7E or >= 0x83 and <= 0x8A => OpcodeClasses.I64Arith,
        0x92 or 0x93 => OpcodeClasses.FloatAdd("f32"),
        0x94 => OpcodeClasses.FloatMul("f32"),
        0x95 => OpcodeClasses.FloatDiv("f32"),
        0x91 => OpcodeClasses.FloatSqrt("f32"),
        0xA0 or 0xA1 => OpcodeClasses.FloatAdd("f64"),
        0xA2 => OpcodeClasses.FloatMul("f64"),
        0xA3 => OpcodeClasses.FloatDiv("f64"),
        0x9F => OpcodeClasses.FloatSqrt("f64"),
        >= 0xA8 and <= 0xB1 and not 0xAC and not 0xAD => OpcodeClasses.Trunc,
        _ => null,
    };

    /// <summary>0xFC: saturating conversions, bulk memory, table ops.</summary>
    private static string? Prefixed(ref WasmBinaryReader r)
    {
        var sub = r.U32();
        switch (sub)
        {
            case <= 7: return OpcodeClasses.TruncSat;
            case 8: r.U32(); r.U32(); return null;
            case 9 or 13 or 15 or 16 or 17: r.U32(); return null;
            case 10: r.U32(); r.U32(); return OpcodeClasses.MemoryCopy;
            case 11: r.U32(); return OpcodeClasses.MemoryFill;
            case 12 or 14: r.U32(); r.U32(); return null;
            default: throw new InvalidDataException($"unknown 0xFC opcode {sub}");
        }
    }

    /// <summary>0xFD: SIMD. Float lanes: the f32x4/f64x2 arithmetic, comparisons and conversions; the rest is integer/bitwise.</summary>
    private static string Simd(ref WasmBinaryReader r)
    {
        var sub = r.U32();
        switch (sub)
        {
            case <= 11 or 92 or 93: MemArg(ref r); break;
            case 12 or 13: r.Slice(16); break;
            case >= 21 and <= 34: r.Byte(); break;
            case >= 84 and <= 91: MemArg(ref r); r.Byte(); break;
        }
        var isFloat = sub is >= 0x1F and <= 0x22 or >= 0x41 and <= 0x4C or 0x5E or 0x5F or >= 0x67 and <= 0x6A or 0x74 or 0x75 or 0x7A
            or 0x94 or >= 0xE0 and <= 0xFF or >= 0x100;
        return isFloat ? OpcodeClasses.SimdFloat : OpcodeClasses.SimdInt;
    }
}
