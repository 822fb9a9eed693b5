using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Tests.Profiling;

/// <summary>perf script text in the shapes perf 6.1 prints for node --perf-basic-prof and embedded Wasmtime's perf map.</summary>
public class PerfScriptNamingTests
{
    private const string NodeSample = """
        node  4665/4665  
        	    2b877ff526c8 JS:hot_loop-10-turbofan (/tmp/perf-4665.map)
        	    2b877ff51f86 JS:main-8-turbofan (/tmp/perf-4665.map)
        	    2b877ff4ebd9 JS:wasm-function[7]-7-liftoff (/tmp/perf-4665.map)
        	         15561d9 Builtins_GenericJSToWasmWrapper (/usr/bin/node)
        	    7fba3cc15a68 [unknown] ([unknown])

        node  4665/4670  
        	ffffffff81601cfc folio_add_file_rmap_ptes+0x4c ([kernel.kallsyms])
        	    2b877ff4dec0 JS:wasm-to-js:iiii:i-__imported_wasi_snapshot_preview1_fd_write-5-turbofan (/tmp/perf-4665.map)
        	          866015 node::InitializeOncePerProcessInternal (/usr/bin/node)

        """;

    private const string WasmtimeSample = """
        .NET TP Worker  5034/5040  
        	    7fa70c08e340 wasm[0]::function[10] (/tmp/perf-5034.map)
        	    7fa70c08e060 wasm[0]::function[8] (/tmp/perf-5034.map)
        	    7f5274155340 hot_loop (/tmp/perf-5034.map)
        	    7f527415fde9 wasm[0]::array_to_wasm_trampoline[37] (/tmp/perf-5034.map)
        	    7f527416075e wasmtime_builtin_memory_grow (/tmp/perf-5034.map)
        	    7f52741a0000 wasmtime_func_call+0x12 (/root/.nuget/packages/wasmtime/50.0.1/runtimes/linux-x64/native/libwasmtime.so)
        	    7f52741b0000 [unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/libcoreclr.so)
        	    7f52741c0000 [unknown] (/memfd:doublemapper (deleted))
        	    7f52741d0000 pthread_rwlock_unlock@@GLIBC_2.34 (/usr/lib/x86_64-linux-gnu/libc.so.6)
        	    7f52741e0000 std::foo(int (*)(char)) const (/usr/lib/libx.so)
        """;

    private static WasmFunctionNames HotNames => WasmFunctionNames.ReadFile(ProfilingFixtures.HotWasm);

    [Fact]
    public void Samples_keep_thread_and_frames_leaf_first()
    {
        var samples = PerfScriptParser.Parse(NodeSample);
        Assert.Equal(2, samples.Count);
        Assert.Equal(("node", 4665, 4670), (samples[1].Comm, samples[1].Pid, samples[1].Tid));
        Assert.Equal(5, samples[0].Frames.Count);
        Assert.Equal("JS:hot_loop-10-turbofan", samples[0].Frames[0].Symbol);
        Assert.Equal("/tmp/perf-4665.map", samples[0].Frames[0].Dso);

        var wasmtime = Assert.Single(PerfScriptParser.Parse(WasmtimeSample));
        Assert.Equal(".NET TP Worker", wasmtime.Comm);
    }

    [Fact]
    public void Node_frames_map_function_indices_to_module_names()
    {
        var names = HotNames;
        var hotIndex = names.Names.Single(kv => kv.Value == "hot_loop").Key;
        var text = NodeSample.Replace("-10-turbofan", $"-{hotIndex}-turbofan");
        var profile = Profiler.Fold(PerfScriptParser.Parse(text), names);

        var stacks = profile.Stacks.Select(s => FoldedProfile.Fold(s.Frames)).ToList();
        Assert.Contains($"[unknown];Builtins_GenericJSToWasmWrapper;{names.NameOf(7)}_[j];{names.NameOf(8)}_[j];hot_loop_[j]", stacks);
        Assert.Contains($"node::InitializeOncePerProcessInternal;wasm-to-js:{names.NameOf(5)};folio_add_file_rmap_ptes_[k]", stacks);
    }

    [Fact]
    public void Wasmtime_frames_map_indices_and_keep_host_trampolines_apart()
    {
        var names = HotNames;
        var frames = Profiler.Fold(PerfScriptParser.Parse(WasmtimeSample), names).Stacks.Single().Frames;

        Assert.Equal(
            ["std::foo(int (*)(char)) const", "pthread_rwlock_unlock", "[memfd:doublemapper]", "[libcoreclr.so]", "wasmtime_func_call", "wasmtime_builtin_memory_grow", "wasmtime::array_to_wasm_trampoline", "hot_loop", names.NameOf(8), names.NameOf(10)],
            frames.Select(f => f.Name));
        Assert.Equal(
            [FrameKind.Host, FrameKind.Host, FrameKind.Host, FrameKind.Host, FrameKind.Host, FrameKind.Host, FrameKind.Host, FrameKind.Guest, FrameKind.Guest, FrameKind.Guest],
            frames.Select(f => f.Kind));
    }

    [Fact]
    public void The_tier_of_the_innermost_guest_frame_is_read_where_the_map_names_it()
    {
        var node = PerfScriptParser.Parse(NodeSample);
        Assert.Equal("turbofan", FrameNamer.GuestTier(node[0]));
        Assert.Equal("liftoff", FrameNamer.GuestTier(PerfScriptParser.Parse(NodeSample.Replace("hot_loop-10-turbofan", "hot_loop-10-liftoff"))[0]));
        Assert.Null(FrameNamer.GuestTier(node[1])); // only an import wrapper
        Assert.Null(FrameNamer.GuestTier(PerfScriptParser.Parse(WasmtimeSample)[0]));
    }

    [Fact]
    public void Without_names_guest_frames_are_index_names_on_every_runtime()
    {
        var node = Profiler.Fold(PerfScriptParser.Parse(NodeSample.Replace("JS:hot_loop-10", "JS:wasm-function[10]-10")), WasmFunctionNames.Empty);
        var wasmtime = Profiler.Fold(PerfScriptParser.Parse(WasmtimeSample), WasmFunctionNames.Empty);
        Assert.Contains(node.Stacks, s => s.Frames[^1] == new StackFrame("wasm-function[10]", FrameKind.Guest));
        Assert.Contains(wasmtime.Stacks, s => s.Frames[^1] == new StackFrame("wasm-function[10]", FrameKind.Guest));
    }
}
