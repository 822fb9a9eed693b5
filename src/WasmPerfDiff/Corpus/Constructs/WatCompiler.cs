using Wasmtime;

namespace WasmPerfDiff.Corpus.Constructs;

/// <summary>WAT to binary with the embedded Wasmtime (its C API's <c>wasmtime_wat2wasm</c>), checked by Wasmtime's validator.</summary>
public static class WatCompiler
{
    private static readonly Lazy<Engine> Validator = new(() => new Engine());

    public static byte[] ToBinary(string wat, string name)
    {
        byte[] bytes;
        try
        {
            bytes = Module.ConvertText(wat);
        }
        catch (WasmtimeException e)
        {
            throw new InvalidOperationException($"construct '{name}': the generated WAT does not parse: {e.Message}", e);
        }
        if (Module.Validate(Validator.Value, bytes) is { } error)
            throw new InvalidOperationException($"construct '{name}': the generated module is not valid: {error}");
        return bytes;
    }
}
