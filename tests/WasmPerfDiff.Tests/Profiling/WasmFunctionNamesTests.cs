using System.Text;
using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Tests.Profiling;

public class WasmFunctionNamesTests
{
    [Fact]
    public void Hot_fixture_names_hot_loop_after_its_imports()
    {
        var names = WasmFunctionNames.ReadFile(ProfilingFixtures.HotWasm);
        var hot = Assert.Single(names.Names, kv => kv.Value == "hot_loop");
        Assert.False(names.IsImported(hot.Key));
        Assert.True(names.ImportedFunctionCount > 0, "the WASI fixture imports functions");
        Assert.InRange(hot.Key, names.ImportedFunctionCount, names.FunctionCount - 1);
        Assert.Equal("hot_loop", names.NameOf(hot.Key));
    }

    [Fact]
    public void Imports_of_every_kind_count_only_functions_in_the_index_space()
    {
        // (import "env" "f" (func)) (import "env" "m" (memory 1 2)) (import "env" "t" (table 1 funcref))
        // (import "env" "g" (global i32)) (import "env" "h" (func)) (func $mine) with names for 1 and 2.
        var module = Module(
            Section(1, [1, 0x60, 0, 0]),
            Section(2, [5, .. Import("f", [0x00, 0]), .. Import("m", [0x02, 0x01, 1, 2]), .. Import("t", [0x01, 0x70, 0x00, 1]),
                        .. Import("g", [0x03, 0x7F, 0x00]), .. Import("h", [0x00, 0])]),
            Section(3, [1, 0]),
            Section(10, [1, 2, 0, 0x0B]),
            Section(0, [.. Name("name"), .. Sub(1, [2, 1, .. Name("imported_h"), 2, .. Name("mine")])]));

        var names = WasmFunctionNames.Read(module);

        Assert.Equal(2, names.ImportedFunctionCount);
        Assert.Equal(1, names.DefinedFunctionCount);
        Assert.Equal("mine", names.NameOf(2));
        Assert.True(names.IsImported(1));
        Assert.Equal("wasm-function[0]", names.NameOf(0));
    }

    [Fact]
    public void A_module_without_a_name_section_falls_back_to_index_names()
    {
        var names = WasmFunctionNames.Read(Module(Section(1, [1, 0x60, 0, 0]), Section(3, [1, 0]), Section(10, [1, 2, 0, 0x0B])));
        Assert.Empty(names.Names);
        Assert.Equal("wasm-function[0]", names.NameOf(0));
    }

    [Fact]
    public void A_file_that_is_not_wasm_is_a_usage_error()
    {
        using var dir = ProfilingFixtures.NewTempDir();
        var path = Path.Combine(dir, "not.wasm");
        File.WriteAllText(path, "hello world");
        var error = Assert.Throws<BadInputException>(() => WasmFunctionNames.ReadFile(path));
        Assert.Contains("not a WebAssembly module", error.Message);
    }

    [Fact]
    public void A_truncated_module_is_a_usage_error()
    {
        using var dir = ProfilingFixtures.NewTempDir();
        var path = Path.Combine(dir, "cut.wasm");
        var bytes = File.ReadAllBytes(ProfilingFixtures.HotWasm);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<BadInputException>(() => WasmFunctionNames.ReadFile(path));
    }

    private static byte[] Module(params byte[][] sections) => [0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0, .. sections.SelectMany(s => s)];

    private static byte[] Section(byte id, byte[] content) => [id, .. Leb(content.Length), .. content];

    private static byte[] Sub(byte id, byte[] content) => Section(id, content);

    private static byte[] Name(string text) => [.. Leb(Encoding.UTF8.GetByteCount(text)), .. Encoding.UTF8.GetBytes(text)];

    private static byte[] Import(string field, byte[] descriptor) => [.. Name("env"), .. Name(field), .. descriptor];

    private static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return [.. bytes];
    }
}
