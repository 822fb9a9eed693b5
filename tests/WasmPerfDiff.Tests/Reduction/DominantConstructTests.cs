using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Constructs;
using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// Which construct a reduced module is about. As in the planted reductions: a function with many locals (so local
/// accesses count as register pressure) whose loop does a popcount among other work; the reduction drops the other
/// work (which, like the kernels of a real program, has local traffic and i64 arithmetic too), the popcount and the local traffic stay.
/// Local traffic remains the most frequent class, so only the growth against the original names the popcount.
/// </summary>
public class DominantConstructTests
{
    private static string Module(string name, string otherWork)
    {
        var locals = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"(local $l{i} i64)"));
        var wat = $$"""
            (module
              (memory 1)
              (func $kernel (export "kernel") (param $n i32) (result i64) {{locals}} (local $x i64) (local $bits i64)
                (loop $l
                  (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005)) (i64.const 1)))
                  (local.set $bits (i64.add (local.get $bits) (i64.popcnt (local.get $x))))
                  (local.set $bits (i64.sub (local.get $bits) (i64.popcnt (i64.xor (local.get $x) (local.get $bits)))))
                  (drop (i64.popcnt (i64.popcnt (i64.popcnt (i64.popcnt (local.get $bits))))))
                  {{otherWork}}
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))
                (local.get $bits)))
            """;
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-dominant-").FullName, name + ".wasm");
        File.WriteAllBytes(path, WatCompiler.ToBinary(wat, name));
        return path;
    }

    private const string OtherWork = """
        (i32.store (i32.const 0) (i32.rem_u (i32.load (i32.const 4)) (local.get $n)))
        (i32.store (i32.const 8) (i32.div_u (i32.load (i32.const 12)) (local.get $n)))
        (f64.store (i32.const 16) (f64.div (f64.load (i32.const 24)) (f64.const 1.5)))
        (i32.store (i32.const 32) (i32.rem_u (i32.load (i32.const 36)) (local.get $n)))
        (local.set $l0 (i64.load (i32.const 48)))
        (local.set $l1 (i64.add (i64.mul (local.get $l0) (local.get $l1)) (i64.shl (local.get $x) (local.get $l2))))
        (local.set $l2 (i64.xor (local.get $l1) (local.get $l3)))
        (local.set $l3 (i64.sub (local.get $l2) (local.get $l0)))
        (i64.store (i32.const 40) (i64.add (local.get $l3) (local.get $l1)))
        """;

    [Fact]
    public void The_reduced_module_is_named_for_the_class_that_grew_against_the_original_not_the_most_frequent_one()
    {
        var (original, reduced) = (Module("original", OtherWork), Module("reduced", ""));
        var profile = OpcodeProfile.Read(reduced);
        Assert.Equal(OpcodeClasses.Local, profile.Counts.MaxBy(p => p.Value).Key); // the trap the growth avoids

        var named = DominantConstruct.Of(reduced, original)!;
        Assert.Equal(OpcodeClasses.BitCount, named.OpcodeClass);
        Assert.True(named.Lift >= DominantConstruct.MinLift, named.ToString());
        Assert.Contains("its share in the original", named.ToString());
    }

    [Fact]
    public void Without_the_original_or_without_growth_the_most_frequent_class_is_named()
    {
        var reduced = Module("reduced", "");
        Assert.Equal(OpcodeClasses.Local, DominantConstruct.Of(reduced)!.OpcodeClass);
        var unchanged = DominantConstruct.Of(reduced, reduced)!;
        Assert.Equal(OpcodeClasses.Local, unchanged.OpcodeClass);
        Assert.Null(unchanged.Lift);
    }

    [Fact]
    public void A_module_of_plain_integer_arithmetic_is_named_for_no_construct()
    {
        // i32 arithmetic has no class; the one load is a twentieth of the loop, under MinShare.
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-dominant-").FullName, "arithmetic.wasm");
        File.WriteAllBytes(path, WatCompiler.ToBinary("""
            (module
              (memory 1)
              (func $kernel (export "kernel") (param $n i32) (result i32) (local $x i32)
                (loop $l
                  (local.set $x (i32.xor (i32.shl (local.get $x) (i32.const 5)) (i32.shr_u (local.get $x) (i32.const 3))))
                  (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 31)) (i32.sub (local.get $n) (i32.const 7))))
                  (local.set $x (i32.add (local.get $x) (i32.load (i32.const 0))))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))
                (local.get $x)))
            """, "arithmetic"));
        Assert.Null(DominantConstruct.Of(path));
    }
}
