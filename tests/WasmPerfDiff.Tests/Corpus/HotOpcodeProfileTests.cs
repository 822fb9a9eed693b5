using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Constructs;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>The opcode mix weighted by a profile's hot functions: a module with a float loop and a remainder loop.</summary>
public class HotOpcodeProfileTests
{
    // Function 0 is the import, 1 the f64.div loop, 2 the i32.rem_u-by-constant loop (same loop shape).
    private const string Wat = """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (func $floats (param $n i32) (result f64) (local $x f64)
            (local.set $x (f64.const 1))
            (loop $l
              (local.set $x (f64.div (local.get $x) (f64.const 1.0001)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br_if $l (local.get $n)))
            (local.get $x))
          (func $rems (param $n i32) (result i32) (local $x i32)
            (loop $l
              (local.set $x (i32.add (local.get $x) (i32.rem_u (local.get $n) (i32.const 7))))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br_if $l (local.get $n)))
            (local.get $x))
          (export "floats" (func $floats))
          (export "rems" (func $rems)))
        """;

    private static string Module()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-hot-").FullName, "two.wasm");
        File.WriteAllBytes(path, WatCompiler.ToBinary(Wat, "two"));
        return path;
    }

    [Fact]
    public void Shares_of_hot_functions_weight_their_own_mixes()
    {
        var path = Module();
        var stat = OpcodeProfile.Read(path);
        Assert.False(stat.HotWeighted);
        Assert.True(stat.Share(OpcodeClasses.FloatDiv("f64")) > 0 && stat.Share(OpcodeClasses.DivRem(32, "rem", true)) > 0);

        var floats = OpcodeProfile.ReadHot(path, new Dictionary<int, double> { [1] = 0.9, [2] = 0.1 });
        Assert.True(floats.HotWeighted);
        Assert.Equal(1.0, floats.HotShare, 10);
        Assert.True(floats.Share(OpcodeClasses.FloatDiv("f64")) > 5 * floats.Share(OpcodeClasses.DivRem(32, "rem", true)),
            $"f64.div {floats.Share(OpcodeClasses.FloatDiv("f64")):0.000} vs rem {floats.Share(OpcodeClasses.DivRem(32, "rem", true)):0.000}");
        var rems = OpcodeProfile.ReadHot(path, new Dictionary<int, double> { [2] = 0.5 });
        Assert.Equal(0, rems.Share(OpcodeClasses.FloatDiv("f64")));
        // One function only: its share of the class is its own mix (shares are normalised over the functions seen).
        Assert.Equal(OpcodeProfile.ReadHot(path, new Dictionary<int, double> { [2] = 1 }).Share(OpcodeClasses.DivRem(32, "rem", true)), rems.Share(OpcodeClasses.DivRem(32, "rem", true)), 10);
    }

    [Fact]
    public void A_profile_that_names_no_function_of_the_module_falls_back_to_the_static_mix()
    {
        var path = Module();
        var p = OpcodeProfile.ReadHot(path, new Dictionary<int, double> { [0] = 0.7, [9] = 0.3 }); // the import and no such function
        Assert.False(p.HotWeighted);
        Assert.Equal(OpcodeProfile.Read(path).Share(OpcodeClasses.FloatDiv("f64")), p.Share(OpcodeClasses.FloatDiv("f64")), 10);
    }
}
