using WasmPerfDiff.Corpus.Constructs;

namespace WasmPerfDiff.Corpus;

/// <summary>Walks every instruction of a module's code section and counts them into <see cref="OpcodeClasses"/> (see <see cref="OpcodeProfile"/>).</summary>
internal static class OpcodeDecoder
{
    /// <summary>Local accesses count as register pressure only in functions declaring more locals than this.</summary>
    public const int RegisterPressureLocals = 16;

    private const byte SectionImport = 2, SectionElement = 9, SectionCode = 10;

    /// <summary>One decoded body: its weighted class counts and total, its direct calls (callee, weight), and its shape (see <see cref="OpcodeProfile.FunctionShapes"/>).</summary>
    internal sealed class Body
    {
        public readonly Dictionary<string, double> Counts = new(StringComparer.Ordinal);
        public readonly List<(int Callee, double Weight)> Calls = [];
        public double Total;
        public ulong Shape = 14695981039346656037UL;
        public bool Decoded = true;
        public bool CallsIndirect;
    }

    internal static (List<string> Imports, List<Body> Bodies) Decode(ReadOnlySpan<byte> module) => Decode(module, out _);

    /// <param name="tableFunctions">Functions placed in tables by active MVP element segments (what call_indirect may reach).</param>
    internal static (List<string> Imports, List<Body> Bodies) Decode(ReadOnlySpan<byte> module, out List<int> tableFunctions)
    {
        tableFunctions = [];
        var reader = new WasmBinaryReader(module);
        reader.ExpectHeader();
        var importNames = new List<string>();
        var bodies = new List<Body>();
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = (int)reader.U32();
            var section = reader.Slice(size);
            if (id == SectionImport) ReadImports(ref section, importNames);
            else if (id == SectionElement) ReadElements(ref section, tableFunctions);
            else if (id == SectionCode)
            {
                var count = section.U32();
                for (var f = 0; f < count; f++)
                {
                    var body = section.Slice((int)section.U32());
                    var b = new Body();
                    b.Decoded = DecodeBody(ref body, importNames.Count + f, importNames, b);
                    bodies.Add(b);
                }
            }
        }
        return (importNames, bodies);
    }

    public static OpcodeProfile Profile(ReadOnlySpan<byte> module, IReadOnlySet<ulong>? libraryShapes, IReadOnlyDictionary<int, double>? hot = null)
    {
        var (imports, bodies) = Decode(module, out var tableFunctions);
        var writes = ReachesFdWrite(imports, bodies, tableFunctions);
        // A body's counts with its calls that reach fd_write counted as `call fd_write` as well.
        Dictionary<string, double> CountsOf(Body b)
        {
            var counts = new Dictionary<string, double>(b.Counts, StringComparer.Ordinal);
            foreach (var (callee, w) in b.Calls)
                if (callee < writes.Length && writes[callee]) counts[OpcodeClasses.FdWrite] = counts.GetValueOrDefault(OpcodeClasses.FdWrite) + w;
            return counts;
        }
        if (hot is not null && HotWeighted(imports.Count, bodies, hot, CountsOf) is { } weighted) return weighted;

        var own = bodies.Select(b => libraryShapes is null || !libraryShapes.Contains(b.Shape)).ToArray();
        if (!own.Any(o => o)) Array.Fill(own, true); // a module made only of shared code: profile all of it
        var total = 0.0;
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        int functions = 0, undecoded = 0;
        for (var f = 0; f < bodies.Count; f++)
        {
            if (!own[f]) continue;
            var b = bodies[f];
            functions++;
            if (!b.Decoded) undecoded++;
            total += b.Total;
            foreach (var (k, v) in CountsOf(b)) sums[k] = sums.GetValueOrDefault(k) + v;
        }
        return new OpcodeProfile(total, sums, functions, undecoded) { LibraryFunctions = bodies.Count - functions };
    }

    /// <summary>
    /// The share-weighted mix of the hot functions' own (loop-weighted) mixes: Σ share·count/total over the functions a
    /// profile saw, normalised by the shares that landed on a body (library code included: hot is hot). Null when no
    /// share lands on a body with instructions (the profile saw none of the module's functions).
    /// </summary>
    private static OpcodeProfile? HotWeighted(int imports, List<Body> bodies, IReadOnlyDictionary<int, double> hot, Func<Body, Dictionary<string, double>> countsOf)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        double weight = 0;
        int functions = 0, undecoded = 0;
        foreach (var (index, share) in hot)
        {
            var f = index - imports;
            if (f < 0 || f >= bodies.Count || !(share > 0) || bodies[f].Total <= 0) continue;
            var b = bodies[f];
            functions++;
            if (!b.Decoded) undecoded++;
            weight += share;
            foreach (var (k, v) in countsOf(b)) sums[k] = sums.GetValueOrDefault(k) + share * v / b.Total;
        }
        if (functions == 0) return null;
        var counts = sums.ToDictionary(p => p.Key, p => p.Value / weight, StringComparer.Ordinal);
        return new OpcodeProfile(1, counts, functions, undecoded) { HotWeighted = true, HotShare = weight };
    }

    /// <summary>Which functions (imports first) reach WASI fd_write through direct calls, or through call_indirect when a table function does.</summary>
    private static bool[] ReachesFdWrite(List<string> imports, List<Body> bodies, List<int> tableFunctions)
    {
        // Functions that reach WASI fd_write through direct calls (libc's fwrite/printf/putchar do).
        var writes = new bool[imports.Count + bodies.Count];
        for (var i = 0; i < imports.Count; i++) writes[i] = imports[i] == "fd_write";
        // musl's stdio writes through a function pointer (f->write): a call_indirect reaches fd_write when a table function does.
        for (var changed = true; changed;)
        {
            changed = false;
            var indirectWrites = tableFunctions.Any(t => t < writes.Length && writes[t]);
            for (var f = 0; f < bodies.Count; f++)
                if (!writes[imports.Count + f] && (bodies[f].Calls.Any(c => c.Callee < writes.Length && writes[c.Callee]) || indirectWrites && bodies[f].CallsIndirect))
                    changed = writes[imports.Count + f] = true;
        }
        return writes;
    }

    /// <summary>Active element segments of the MVP forms (flags 0 and 2: an offset expression, then function indices); others are skipped.</summary>
    private static void ReadElements(ref WasmBinaryReader r, List<int> functions)
    {
        var count = r.U32();
        for (var i = 0; i < count; i++)
        {
            var flags = r.U32();
            if (flags is not (0 or 2)) return;
            if (flags == 2) r.U32();
            var op = r.Byte(); // offset expression: i32.const n | global.get g, then end
            if (op is not (0x41 or 0x23)) return;
            r.U64();
            if (r.Byte() != 0x0B) return;
            if (flags == 2) r.Byte();
            var n = r.U32();
            for (var k = 0; k < n; k++) functions.Add((int)r.U32());
        }
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
    private static bool DecodeBody(ref WasmBinaryReader r, int self, List<string> imports, Body body)
    {
        var groups = r.U32();
        long declared = 0;
        for (var g = 0; g < groups; g++) { declared += r.U32(); r.ValueTypeOrRef(); }
        var pressure = declared > RegisterPressureLocals;
        // Control stack: true for a loop. Depth = loops open around the instruction.
        var stack = new Stack<bool>();
        var loops = 0;
        var previousConst = false;
        while (!r.AtEnd)
        {
            var weight = Math.Pow(OpcodeProfile.LoopWeight, Math.Min(loops, OpcodeProfile.MaxDepth));
            body.Total += weight;
            var op = r.Byte();
            body.Shape = (body.Shape ^ op) * 1099511628211UL;
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
                    body.Calls.Add((callee, weight));
                    cls = callee < imports.Count ? null : callee == self ? OpcodeClasses.Recursion : OpcodeClasses.Call;
                    break;
                case 0x11: r.U32(); r.U32(); cls = OpcodeClasses.CallIndirect; body.CallsIndirect = true; break;
                case 0x12: r.U32(); cls = OpcodeClasses.ReturnCall; break;
                case 0x13: r.U32(); r.U32(); cls = OpcodeClasses.ReturnCall; break;
                case 0x1B: cls = OpcodeClasses.Select; break;
                case 0x1C:
                    var types = r.U32();
                    for (var k = 0; k < types; k++) r.ValueTypeOrRef();
                    cls = OpcodeClasses.Select;
                    break;
                case >= 0x20 and <= 0x22: r.U32(); cls = pressure ? OpcodeClasses.Local : null; break;
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
            if (cls is not null) body.Counts[cls] = body.Counts.GetValueOrDefault(cls) + weight;
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
        >= 0x67 and <= 0x69 or >= 0x79 and <= 0x7B => OpcodeClasses.BitCount,
        0x77 or 0x78 => OpcodeClasses.Rotate,
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
