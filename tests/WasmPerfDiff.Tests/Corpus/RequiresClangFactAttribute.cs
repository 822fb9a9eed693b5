using WasmPerfDiff.Corpus.Build;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>A fact that is skipped (with the reason) when the wasm32-wasi clang toolchain is not installed; CI installs it.</summary>
public sealed class RequiresClangFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() =>
    {
        try
        {
            BuildToolchain.DetectAsync(WasmCompiler.Clang).GetAwaiter().GetResult();
            return null;
        }
        catch (BadInputException e)
        {
            return e.Message;
        }
    });

    public RequiresClangFactAttribute()
    {
        Skip = Support.RequiredTools.SkipReason("clang", Missing.Value);
    }
}
