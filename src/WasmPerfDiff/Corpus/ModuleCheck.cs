using Wasmtime;

namespace WasmPerfDiff.Corpus;

/// <summary>Refuses what is not a readable, valid WebAssembly module before any runtime sees it.</summary>
public static class ModuleCheck
{
    private static readonly Lazy<Engine> ValidationEngine = new(() => new Engine());

    public static void EnsureValid(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new BadInputException($"cannot read module '{path}': {e.Message}");
        }
        if (bytes.Length < 8 || bytes[0] != 0 || bytes[1] != (byte)'a' || bytes[2] != (byte)'s' || bytes[3] != (byte)'m')
            throw new BadInputException($"'{path}' is not a WebAssembly module (no \\0asm header)");
        var error = Module.Validate(ValidationEngine.Value, bytes);
        if (error is not null)
            throw new BadInputException($"'{path}' is not a valid WebAssembly module: {error.Split('\n')[0]}");
    }
}
