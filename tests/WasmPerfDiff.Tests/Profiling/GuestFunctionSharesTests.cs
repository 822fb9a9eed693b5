using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Tests.Profiling;

public class GuestFunctionSharesTests
{
    private static StackFrame H(string name) => new(name, FrameKind.Host);
    private static StackFrame G(string name) => new(name, FrameKind.Guest);

    [Fact]
    public void Top_guest_functions_rank_self_samples_as_a_share_of_all_samples()
    {
        var p = new FoldedProfile();
        p.Add([H("runtime"), G("main"), G("hot")], 70);
        p.Add([H("runtime"), G("main")], 10);
        p.Add([H("runtime"), G("main"), H("fd_write")], 5);
        p.Add([H("compiler")], 5);
        p.Add([H("runtime"), G("main"), G("hot"), new StackFrame("asm_exc_page_fault", FrameKind.Kernel)], 5);
        p.Add([H("runtime"), G("main"), H("fd_write"), new StackFrame("ksys_write", FrameKind.Kernel)], 5);

        var top = GuestFunctionShares.Top(p, msPerSample: 2);

        Assert.Equal(["hot", "main"], top.Select(f => f.Function));
        Assert.Equal(0.75, top[0].SelfShare, 10);
        Assert.Equal(150, top[0].SelfMs, 10);
        Assert.Equal(0.10, top[1].SelfShare, 10);
        Assert.Equal(0.85, GuestFunctionShares.GuestShare(p), 10);
    }

    [Fact]
    public void Growth_lists_only_functions_whose_share_grew_from_B_to_A_largest_first()
    {
        var a = new FoldedProfile();
        a.Add([G("rem")], 50);
        a.Add([G("loop")], 30);
        a.Add([G("io")], 20);
        var b = new FoldedProfile();
        b.Add([G("rem")], 10);
        b.Add([G("loop")], 80);
        b.Add([G("io")], 5);
        b.Add([H("host")], 5);

        var growth = GuestFunctionShares.GrowthFromBToA(a, b, msPerSample: 1);

        Assert.Equal(["rem", "io"], growth.Select(g => g.Function));
        Assert.Equal(0.40, growth[0].Change, 10);
        Assert.Equal(0.15, growth[1].Change, 10);
        Assert.Equal((50, 10), (growth[0].MsA, growth[0].MsB));
    }

    [Fact]
    public void Hot_functions_count_each_sample_for_its_innermost_guest_frame_host_calls_included()
    {
        var p = new FoldedProfile();
        p.Add([H("runtime"), G("main"), G("hot")], 60);
        p.Add([H("runtime"), G("main"), H("fd_write"), new StackFrame("ksys_write", FrameKind.Kernel)], 30);
        p.Add([H("runtime"), G("wasm-function[3]")], 10);
        p.Add([H("compiler")], 100);

        // Function 0 is an import; 1 and 2 are named, 3 is not (frames call it wasm-function[3]).
        var names = WasmFunctionNames.Read(WasmPerfDiff.Corpus.Constructs.WatCompiler.ToBinary(
            """(module (import "env" "f" (func $imp)) (func $main) (func $hot) (func))""", "names"));
        var shares = HotFunctions.ByIndex(p, names, out var guest);

        Assert.Equal(100, guest);
        Assert.Equal(0.6, shares[2], 10);
        Assert.Equal(0.3, shares[1], 10); // fd_write's time is main's
        Assert.Equal(0.1, shares[3], 10);
    }
}
