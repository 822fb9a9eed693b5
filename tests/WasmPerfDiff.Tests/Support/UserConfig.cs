using System.Text.Json;

namespace WasmPerfDiff.Tests.Support;

/// <summary>Writes a runtime config file (the format documented in the README) into a temp directory.</summary>
public static class UserConfig
{
    public static string Write(params object[] runtimes)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-config-").FullName, "wasm-perfdiff.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { runtimes }));
        return path;
    }
}
