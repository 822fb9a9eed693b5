namespace WasmPerfDiff.Runtimes;

/// <summary>
/// Which runtime configurations interpret wasm instead of compiling it to machine code. A profile of an interpreter
/// samples the interpreter's own loop and handlers, never a guest function, so it cannot say which guest code is slow.
/// Known by the engine and tier names of the catalogs (wasm3 interprets whatever its flags; WAMR's <c>iwasm</c> default
/// is the fast interpreter of a default build, which only a probe could confirm, so it is not counted here).
/// </summary>
public static class Interpreters
{
    private static readonly HashSet<string> Tiers = ["interp", "classic-interp", "fast-interp", "pulley", "ipint"];

    public static bool Interprets(IRuntime runtime) => runtime.Engine == "wasm3" || Tiers.Contains(runtime.Tier);
}
