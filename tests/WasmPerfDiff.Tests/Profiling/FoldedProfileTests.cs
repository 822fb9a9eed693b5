using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Tests.Profiling;

public class FoldedProfileTests
{
    private static StackFrame H(string name) => new(name, FrameKind.Host);
    private static StackFrame G(string name) => new(name, FrameKind.Guest);
    private static StackFrame K(string name) => new(name, FrameKind.Kernel);

    [Fact]
    public void Write_then_read_gives_the_same_stacks_kinds_and_counts()
    {
        var profile = new FoldedProfile();
        profile.Add([H("node::Start"), H("JS:~main file:///x y.mjs:3:4"), G("main"), G("hot_loop")], 40);
        profile.Add([H("node::Start"), G("main"), G("hot_loop")], 2);
        profile.Add([H("node::Start"), H("write"), K("ksys_write")], 3);
        profile.Add([H("node::Start"), G("main"), G("hot_loop")], 5);

        var text = new StringWriter();
        profile.Write(text);
        var back = FoldedProfile.Read(new StringReader(text.ToString()));

        Assert.Equal(profile.TotalSamples, back.TotalSamples);
        Assert.Equal(50, back.TotalSamples);
        Assert.Equal(profile.Stacks.Select(s => (FoldedProfile.Fold(s.Frames), s.Count)), back.Stacks.Select(s => (FoldedProfile.Fold(s.Frames), s.Count)));
        Assert.Contains(back.Stacks, s => s.Count == 7 && s.Frames[^1] == G("hot_loop") && s.Frames.Count == 3);
        Assert.Contains(back.Stacks, s => s.Frames[^1] == K("ksys_write"));
        Assert.Contains("node::Start;main_[j];hot_loop_[j] 7\n", text.ToString());
    }

    [Fact]
    public void A_semicolon_in_a_name_cannot_split_a_frame()
    {
        var profile = new FoldedProfile();
        profile.Add([H("a;b"), G("c")], 1);
        var text = new StringWriter();
        profile.Write(text);
        var back = FoldedProfile.Read(new StringReader(text.ToString()));
        Assert.Equal(2, back.Stacks.Single().Frames.Count);
    }

    [Fact]
    public void A_line_without_a_count_is_rejected_with_its_line_number()
    {
        var error = Assert.Throws<InvalidDataException>(() => FoldedProfile.Read(new StringReader("a;b 3\na;b;c\n")));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Guest_alignment_cuts_host_frames_below_the_outermost_guest_frame()
    {
        var node = new FoldedProfile();
        node.Add([H("node::Start"), H("Builtins_GenericJSToWasmWrapper"), G("_start"), G("hot_loop")], 9);
        node.Add([H("node::Start"), H("v8::Compile")], 1);
        var wasmtime = new FoldedProfile();
        wasmtime.Add([H("[libwasmtime.so]"), H("wasmtime::array_to_wasm_trampoline"), G("_start"), G("hot_loop")], 4);

        var a = node.GuestAligned().Stacks.ToList();
        var b = wasmtime.GuestAligned().Stacks.ToList();

        Assert.Equal("[wasm];_start_[j];hot_loop_[j]", FoldedProfile.Fold(a.Single(s => s.Count == 9).Frames));
        Assert.Equal("[runtime];node::Start;v8::Compile", FoldedProfile.Fold(a.Single(s => s.Count == 1).Frames));
        Assert.Equal("[wasm];_start_[j];hot_loop_[j]", FoldedProfile.Fold(b.Single().Frames));
    }
}
