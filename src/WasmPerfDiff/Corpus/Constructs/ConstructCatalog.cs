using System.Text;

namespace WasmPerfDiff.Corpus.Constructs;

/// <summary>
/// Every construct family <c>gen constructs</c> writes. Each iteration mixes the loop counter into <c>$v</c>
/// (<c>(i+1)·0x9E3779B1</c>), then runs its body; bodies chain their work through <c>$x</c> (i32), <c>$y</c>
/// (i64), <c>$a</c> (f32), <c>$b</c> (f64) so no engine can drop it, and repeat the construct
/// <see cref="Repeat"/> times per iteration so its cost stands out from the loop's.
/// </summary>
public static class ConstructCatalog
{
    public const string BaseSuffix = ".base";
    public const int Repeat = 4;

    /// <summary>Pages the <c>memory-grow</c> family grows at most per run (its largest size): 64 MiB.</summary>
    public const int MemoryGrowPages = 1024;

    public static IReadOnlyList<ConstructFamily> All { get; } = Build();

    public static ConstructFamily? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>The family and variant of a case name (<c>NAME</c> or <c>NAME.base</c>), or null for a case that is not a construct.</summary>
    public static (ConstructFamily Family, bool IsBase)? Parse(string caseName)
    {
        var isBase = caseName.EndsWith(BaseSuffix, StringComparison.Ordinal);
        var name = isBase ? caseName[..^BaseSuffix.Length] : caseName;
        return Find(name) is { } f ? (f, isBase) : null;
    }

    private static string Rep(int n, Func<int, string> step)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < n; k++) sb.Append(step(k)).Append('\n');
        return sb.ToString();
    }

    private static string Rep(string step) => Rep(Repeat, _ => step);

    /// <summary>x = (x ^ v) · 3 + 1: the work of the small callee, inline.</summary>
    private const string Step3 = "(local.set $x (i32.add (i32.mul (i32.xor (local.get $x) (local.get $v)) (i32.const 3)) (i32.const 1)))";

    private const string Callee =
        "(type $ft (func (param i32) (result i32)))\n" +
        "(func $f0 (type $ft) (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 1)))\n" +
        "(func $f1 (type $ft) (i32.add (i32.mul (local.get 0) (i32.const 5)) (i32.const 3)))\n" +
        "(func $f2 (type $ft) (i32.add (i32.mul (local.get 0) (i32.const 7)) (i32.const 5)))\n" +
        "(func $f3 (type $ft) (i32.add (i32.mul (local.get 0) (i32.const 9)) (i32.const 7)))\n";

    private static IReadOnlyList<ConstructFamily> Build()
    {
        var list = new List<ConstructFamily>
        {
            new("call-direct", OpcodeClasses.Call, "direct call of a small function",
                Rep("(local.set $x (call $f0 (i32.xor (local.get $x) (local.get $v))))"), Rep(Step3), 2) { Declarations = Callee },
            new("call-indirect-mono", OpcodeClasses.CallIndirect, "call_indirect, one target at the site (monomorphic)",
                Rep("(local.set $x (call_indirect (type $ft) (i32.xor (local.get $x) (local.get $v)) (local.get $k)))"), Rep(Step3), 3)
                { Declarations = Callee + "(table 4 funcref)\n(elem (i32.const 0) $f0 $f0 $f0 $f0)\n" },
            new("call-indirect-poly", OpcodeClasses.CallIndirect, "call_indirect, four targets at the site (polymorphic)",
                Rep("(local.set $x (call_indirect (type $ft) (i32.xor (local.get $x) (local.get $v)) (i32.and (i32.shr_u (local.get $x) (i32.const 13)) (i32.const 3))))"),
                Rep("(local.set $t (i32.and (i32.shr_u (local.get $x) (i32.const 13)) (i32.const 3)))\n" + Step3.Replace("(i32.const 1)))", "(local.get $t)))")), 4)
                { Declarations = Callee + "(table 4 funcref)\n(elem (i32.const 0) $f0 $f1 $f2 $f3)\n" },
            BrTable("br-table-small", 4),
            BrTable("br-table-large", 64),
            new("return-call", OpcodeClasses.ReturnCall, "return_call (tail calls), 8 per iteration",
                "(local.set $x (call $tc (i32.const 8) (i32.xor (local.get $x) (local.get $v))))",
                "(local.set $x (i32.xor (local.get $x) (local.get $v)))\n" +
                Rep(8, k => $"(local.set $x (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const {8 - k})))"), 6)
            {
                Feature = "tail-call",
                Declarations = "(func $tc (param $n i32) (param $x i32) (result i32)\n" +
                               "  (if (result i32) (i32.eqz (local.get $n)) (then (local.get $x))\n" +
                               "    (else (return_call $tc (i32.sub (local.get $n) (i32.const 1)) (i32.add (i32.mul (local.get $x) (i32.const 3)) (local.get $n))))))\n",
            },
            LocalsHeavy(),
            new("globals", OpcodeClasses.Global, "mutable globals read and written",
                Rep(Repeat, k => $"(global.set $g{k} (i32.add (global.get $g{k}) (i32.xor (local.get $x) (local.get $v))))\n(local.set $x (i32.add (local.get $x) (global.get $g{k})))"),
                Rep(Repeat, k => $"(local.set $h{k} (i32.add (local.get $h{k}) (i32.xor (local.get $x) (local.get $v))))\n(local.set $x (i32.add (local.get $x) (local.get $h{k})))"), 2)
            {
                Declarations = Rep(Repeat, k => $"(global $g{k} (mut i32) (i32.const {k + 1}))"),
                Locals = Rep(Repeat, k => $"(local $h{k} i32)"),
                Setup = Rep(Repeat, k => $"(local.set $h{k} (i32.const {k + 1}))"),
            },
            new("select", OpcodeClasses.Select, "select on an unpredictable condition",
                Rep("(local.set $x (select (i32.mul (local.get $x) (i32.const 5)) (i32.xor (local.get $x) (local.get $v)) (i32.and (i32.shr_u (local.get $x) (i32.const 7)) (i32.const 1))))"),
                Rep("(local.set $x (i32.add (i32.mul (local.get $x) (i32.const 5)) (i32.xor (local.get $x) (local.get $v))))"), 2),
        };
        foreach (var bits in new[] { 32, 64 })
        foreach (var op in new[] { "div", "rem" })
        foreach (var byConst in new[] { true, false })
            list.Add(DivRem(bits, op, byConst));
        list.Add(new("i64-arith", OpcodeClasses.I64Arith, "i64 multiply, add, shift, xor",
            Rep("(local.set $y (i64.add (i64.mul (local.get $y) (i64.const 6364136223846793005)) (i64.extend_i32_u (local.get $v))))\n" +
                "(local.set $y (i64.xor (local.get $y) (i64.shr_u (local.get $y) (i64.const 29))))"),
            Rep("(local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (local.get $v)))\n" +
                "(local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 13))))"), 2));
        foreach (var t in new[] { "f32", "f64" })
        {
            var r = t == "f32" ? "$a" : "$b";
            string Op(string op, string c) => $"(local.set {r} ({t}.{op} (local.get {r}) ({t}.const {c})))";
            list.Add(Float(t, "add", OpcodeClasses.FloatAdd(t), Op("add", "1.5") + "\n" + Op("sub", "1.25") + "\n" + Op("add", "0.75") + "\n" + Op("sub", "1.0")));
            list.Add(Float(t, "mul", OpcodeClasses.FloatMul(t), Op("mul", "1.000001") + "\n" + Op("mul", "0.999999") + "\n" + Op("mul", "1.0000003") + "\n" + Op("mul", "0.9999997")));
            list.Add(Float(t, "div", OpcodeClasses.FloatDiv(t), Op("div", "1.000001") + "\n" + Op("div", "0.999999") + "\n" + Op("div", "1.0000003") + "\n" + Op("div", "0.9999997")));
            list.Add(Float(t, "sqrt", OpcodeClasses.FloatSqrt(t), Rep($"(local.set {r} ({t}.sqrt ({t}.add (local.get {r}) ({t}.const 2.0))))")));
        }
        list.Add(new("convert-trapping", OpcodeClasses.Trunc, "int→f64→int with the trapping i32.trunc_f64_s",
            Rep("(local.set $x (i32.trunc_f64_s (f64.mul (f64.convert_i32_s (i32.xor (local.get $x) (local.get $v))) (f64.const 0.75))))"),
            Rep("(local.set $x (i32.shr_s (i32.mul (i32.xor (local.get $x) (local.get $v)) (i32.const 3)) (i32.const 2)))"), 3));
        list.Add(new("convert-saturating", OpcodeClasses.TruncSat, "int→f64→int with the saturating i32.trunc_sat_f64_s",
            Rep("(local.set $x (i32.trunc_sat_f64_s (f64.mul (f64.convert_i32_s (i32.xor (local.get $x) (local.get $v))) (f64.const 0.75))))"),
            Rep("(local.set $x (i32.shr_s (i32.mul (i32.xor (local.get $x) (local.get $v)) (i32.const 3)) (i32.const 2)))"), 3));
        foreach (var (bits, aligned) in new[] { (8, true), (16, true), (32, true), (64, true), (16, false), (32, false), (64, false) })
            list.Add(Memory(bits, aligned));
        // memory.grow really grows: one 64 KiB page per iteration, each new page then written once per cache line (64 B) so
        // the engine commits it; the baseline writes the same way into a page that exists from the start (page 3). Memory
        // cannot shrink, so a run grows at most MemoryGrowPages pages (64 MiB over the module's 4): both loops stop there,
        // and the generator never writes a larger size. Every engine here runs a module without a declared maximum up to that.
        const string Touch = """
            (local.set $t (i32.shl (local.get $p) (i32.const 16)))
            (local.set $q (i32.const 0))
            (loop $touch
              (i64.store (i32.add (local.get $t) (local.get $q)) (i64.extend_i32_u (i32.xor (local.get $x) (local.get $q))))
              (local.set $q (i32.add (local.get $q) (i32.const 64)))
              (br_if $touch (i32.lt_u (local.get $q) (i32.const 65536))))
            (local.set $x (i32.add (i32.xor (local.get $x) (local.get $v)) (i32.load (i32.add (local.get $t) (i32.const 4032)))))
            """;
        list.Add(new("memory-grow", OpcodeClasses.MemoryGrow, $"memory.grow by 1 page, then a write per 64 B of the new page (at most {MemoryGrowPages} pages a run)",
            "(local.set $p (memory.grow (i32.const 1)))\n(if (i32.lt_s (local.get $p) (i32.const 0)) (then unreachable))\n" + Touch,
            "(local.set $p (i32.const 3))\n" + Touch, 1000)
        {
            Locals = "(local $p i32) (local $q i32)",
            Setup = $"(if (i32.gt_u (local.get $n) (i32.const {MemoryGrowPages})) (then (local.set $n (i32.const {MemoryGrowPages}))))",
            MaxSize = MemoryGrowPages,
        });
        const string Addr = "(local.set $t (i32.and (i32.mul (local.get $x) (i32.const 40503)) (i32.const 0x7fc0)))\n";
        const string Mix = "(local.set $x (i32.add (i32.xor (local.get $x) (local.get $v)) (i32.load offset=65536 (local.get $t))))\n";
        list.Add(new("memory-copy", OpcodeClasses.MemoryCopy, "memory.copy of 64 bytes",
            Rep(2, _ => Addr + "(memory.copy (i32.add (local.get $t) (i32.const 65536)) (i32.add (i32.xor (local.get $t) (i32.const 0x4000)) (i32.const 65536)) (i32.const 64))\n" + Mix),
            Rep(2, _ => Addr + Mix), 6));
        list.Add(new("memory-fill", OpcodeClasses.MemoryFill, "memory.fill of 64 bytes",
            Rep(2, _ => Addr + "(memory.fill (i32.add (local.get $t) (i32.const 65536)) (local.get $x) (i32.const 64))\n" + Mix),
            Rep(2, _ => Addr + Mix), 6));
        list.Add(new("fd-write", OpcodeClasses.FdWrite, "WASI fd_write of 16 bytes to stdout",
            "(drop (call $fd_write (i32.const 1) (i32.const 8256) (i32.const 1) (i32.const 8264)))\n(local.set $x (i32.add (local.get $x) (local.get $v)))",
            "(local.set $x (i32.add (local.get $x) (local.get $v)))", 40)
        {
            Declarations = "(data (i32.const 8192) \"wasm-perfdiff..\\n\")\n(data (i32.const 8256) \"\\00\\20\\00\\00\\10\\00\\00\\00\")\n",
        });
        list.Add(new("recursion-deep", OpcodeClasses.Recursion, "non-tail recursion 1000 frames deep",
            "(local.set $x (call $rec (i32.const 1000) (i32.xor (local.get $x) (local.get $v))))",
            "(local.set $x (i32.xor (local.get $x) (local.get $v)))\n(local.set $t (i32.const 1000))\n" +
            "(block $rd (loop $rl (br_if $rd (i32.eqz (local.get $t)))\n" +
            "  (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 3)) (local.get $t)))\n" +
            "  (local.set $t (i32.sub (local.get $t) (i32.const 1))) (br $rl)))\n" +
            "(local.set $x (i32.add (local.get $x) (i32.const 1000)))", 1500)
        {
            Declarations = "(func $rec (param $n i32) (param $x i32) (result i32)\n" +
                           "  (if (result i32) (i32.eqz (local.get $n)) (then (local.get $x))\n" +
                           "    (else (i32.add (call $rec (i32.sub (local.get $n) (i32.const 1)) (i32.add (i32.mul (local.get $x) (i32.const 3)) (local.get $n))) (i32.const 1)))))\n",
        });
        list.Add(new("simd-int", OpcodeClasses.SimdInt, "v128 i32x4 multiply and add",
            Rep("(local.set $w (i32x4.add (i32x4.mul (local.get $w) (v128.const i32x4 3 5 7 9)) (i32x4.splat (local.get $v))))"),
            Rep("(local.set $x (i32.add (i32.mul (local.get $x) (i32.const 3)) (local.get $v)))"), 2)
        {
            Feature = "simd", Locals = "(local $w v128)", Setup = "(local.set $w (i32x4.splat (i32.const 1)))",
            After = "(local.set $x (i32.xor (local.get $x) (i32x4.extract_lane 1 (local.get $w))))",
        });
        list.Add(new("simd-float", OpcodeClasses.SimdFloat, "v128 f32x4 multiply and add",
            Rep("(local.set $w (f32x4.add (f32x4.mul (local.get $w) (v128.const f32x4 0.5 0.25 0.75 0.125)) (v128.const f32x4 1 2 3 4)))"),
            Rep("(local.set $a (f32.add (f32.mul (local.get $a) (f32.const 0.5)) (f32.const 1)))"), 2)
        {
            Feature = "simd", Locals = "(local $w v128)", Setup = "(local.set $w (f32x4.splat (f32.const 1)))",
            After = "(local.set $a (f32.add (local.get $a) (f32x4.extract_lane 2 (local.get $w))))",
        });
        return list;
    }

    private static ConstructFamily BrTable(string name, int targets)
    {
        var sb = new StringBuilder("(block $sw\n");
        for (var c = targets - 1; c >= 0; c--) sb.Append($"(block $c{c}\n");
        sb.Append("(br_table");
        for (var c = 0; c < targets; c++) sb.Append($" $c{c}");
        sb.Append($" $c0 (i32.and (i32.shr_u (local.get $x) (i32.const 16)) (i32.const {targets - 1})))\n");
        for (var c = 0; c < targets; c++)
            sb.Append($")\n(local.set $x (i32.add (local.get $x) (i32.const {2 * c + 1})))\n(br $sw)\n");
        sb.Append(")\n");
        const string Next = "(local.set $x (i32.xor (i32.mul (local.get $x) (i32.const 16777619)) (local.get $v)))";
        var body = Rep(2, _ => sb + Next);
        var baseBody = Rep(2, _ => "(local.set $x (i32.add (local.get $x) (i32.const 1)))\n" + Next);
        return new(name, OpcodeClasses.BrTable, $"br_table with {targets} targets on an unpredictable index", body, baseBody, 3);
    }

    private static ConstructFamily LocalsHeavy()
    {
        const int n = 24;
        var locals = Rep(n, k => $"(local $l{k} i32)");
        var setup = Rep(n, k => $"(local.set $l{k} (i32.const {k + 1}))");
        var body = Rep(n, k => $"(local.set $l{k} (i32.add (local.get $l{k}) (i32.xor (local.get $l{(k + 1) % n}) (local.get $v))))") +
                   "(local.set $x (i32.add (local.get $x) (local.get $l0)))";
        var after = Rep(n, k => $"(local.set $x (i32.xor (local.get $x) (local.get $l{k})))");
        return new("locals-heavy", OpcodeClasses.Local, $"{n} live i32 locals updated every iteration (register pressure)",
            body, "(local.set $x (i32.add (local.get $x) (i32.xor (local.get $x) (local.get $v))))", 8)
        { Locals = locals, Setup = setup, After = after };
    }

    private static ConstructFamily DivRem(int bits, string op, bool byConst)
    {
        var name = $"i{bits}-{op}-{(byConst ? "const" : "var")}";
        string body, baseBody;
        if (bits == 32)
        {
            var operand = "(i32.and (i32.add (local.get $x) (local.get $v)) (i32.const 0x7fffffff))";
            var divisor = byConst ? "(i32.const 10007)" : "(local.get $d)";
            body = Rep($"(local.set $x (i32.{op}_s {operand} {divisor}))");
            baseBody = Rep($"(local.set $x {operand})");
        }
        else
        {
            var operand = "(i64.and (i64.add (local.get $y) (i64.mul (i64.extend_i32_u (local.get $v)) (i64.const 0x100000001))) (i64.const 0x7fffffffffffffff))";
            var divisor = byConst ? "(i64.const 1000003)" : "(local.get $dl)";
            body = Rep($"(local.set $y (i64.{op}_s {operand} {divisor}))");
            baseBody = Rep($"(local.set $y {operand})");
        }
        return new(name, OpcodeClasses.DivRem(bits, op, byConst), $"i{bits}.{op}_s by a {(byConst ? "constant" : "variable")}", body, baseBody, 4);
    }

    private static ConstructFamily Float(string type, string op, string opcodeClass, string body) =>
        new($"{type}-{op}", opcodeClass, $"{type}.{op} chain", body, "(local.set $x (i32.add (local.get $x) (local.get $v)))", op is "div" or "sqrt" ? 6 : 3);

    private static ConstructFamily Memory(int bits, bool aligned)
    {
        var bytes = bits / 8;
        var mask = 0xffff & ~(bytes - 1) & ~0x40; // stays inside the 64 KiB region; bit 6 is flipped for the load's address
        var name = $"mem-{bits}{(aligned ? "" : "-unaligned")}";
        var addr = $"(local.set $t (i32.{(aligned ? "and" : "or")} (i32.and (i32.mul (local.get $x) (i32.const 40503)) (i32.const {mask})) (i32.const {(aligned ? mask : 1)})))";
        var align = aligned ? "" : " align=1";
        string store, load;
        if (bits == 64)
        {
            store = $"(i64.store offset=65536{align} (local.get $t) (i64.extend_i32_u (i32.add (local.get $x) (local.get $v))))";
            load = $"(i32.wrap_i64 (i64.load offset=65536{align} (i32.xor (local.get $t) (i32.const 64))))";
        }
        else
        {
            var suffix = bits == 32 ? "" : bits.ToString();
            store = $"(i32.store{suffix} offset=65536{align} (local.get $t) (i32.add (local.get $x) (local.get $v)))";
            load = $"(i32.load{(bits == 32 ? "" : bits + "_u")} offset=65536{align} (i32.xor (local.get $t) (i32.const 64)))";
        }
        var body = Rep($"{addr}\n{store}\n(local.set $x (i32.add (i32.xor (local.get $x) {load}) (local.get $t)))");
        var baseBody = Rep($"{addr}\n(local.set $x (i32.add (i32.xor (local.get $x) (local.get $v)) (local.get $t)))");
        return new(name, OpcodeClasses.Memory(bits, aligned), $"{bits}-bit load and store, {(aligned ? "aligned" : "unaligned")}", body, baseBody, 3);
    }
}
