namespace WasmPerfDiff.Tests.Support;

/// <summary>The test programs: WAT fixtures assembled with Wasmtime's own text parser, C fixtures committed as built wasm.</summary>
public static class TestModules
{
    /// <summary>Assembles <c>Fixtures/wat/NAME.wat</c> into a fresh temp directory and returns the .wasm path.</summary>
    public static string Wat(string name)
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-test-").FullName;
        var wasm = Path.Combine(dir, name + ".wasm");
        File.WriteAllBytes(wasm, Wasmtime.Module.ConvertText(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "wat", name + ".wat"))));
        return wasm;
    }

    public static string C(string name) => Path.Combine(TestPaths.Fixtures, "c", name + ".wasm");

    public static string FakeRuntime(string script) => Path.Combine(TestPaths.Fixtures, "fake-runtimes", script);
}
