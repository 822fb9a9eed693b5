using Wasmtime;

namespace WasmPerfDiff.Corpus;

/// <summary>Refuses what is not a readable, valid WebAssembly module before any runtime sees it.</summary>
public static class ModuleCheck
{
    private static readonly Lazy<Engine> ValidationEngine = new(() => new Engine());

    public static void EnsureValid(string path)
    {
        // A FIFO, a device or a link to /dev/zero is refused here, before anything reads it forever.
        var bytes = Host.InputFile.ReadAllBytes(path, "Wasm", "WebAssembly module", Host.InputFile.ModuleMaxBytes);
        if (bytes.Length < 8 || bytes[0] != 0 || bytes[1] != (byte)'a' || bytes[2] != (byte)'s' || bytes[3] != (byte)'m')
            throw new BadInputException($"'{path}' is not a WebAssembly module (no \\0asm header)");
        var error = Module.Validate(ValidationEngine.Value, bytes);
        if (error is not null)
            throw new BadInputException($"'{path}' is not a valid WebAssembly module: {error.Split('\n')[0]}");
    }
}
