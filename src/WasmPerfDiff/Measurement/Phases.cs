namespace WasmPerfDiff.Measurement;

/// <summary>
/// Durations of the parts of one run, in milliseconds; null where the runtime cannot tell.
/// Startup = process spawn until the guest begins (CLI runtimes, from the guest's markers) or, for the
/// in-child runners (embedded Wasmtime worker, Node/V8), until the module's bytes are read, so process,
/// language-runtime and engine start-up count alike across engine families; compile and instantiate are
/// reported by those runners; execute is the measured work; teardown = work end until reap.
/// AOT compilation by a separate tool (wasmedge compile, wamrc, wasmtime compile) is kept apart.
/// </summary>
public sealed record Phases(
    double? StartupMs = null,
    double? CompileMs = null,
    double? InstantiateMs = null,
    double? ExecuteMs = null,
    double? TeardownMs = null,
    double? AotCompileMs = null)
{
    public static readonly Phases None = new();

    /// <summary>
    /// The one list of phases: their names as they appear in JSON, CSV and the store, paired with their values. The store's
    /// columns, the export rows (CSV header and JSON) and <c>exec --json</c> derive from it.
    /// </summary>
    public IEnumerable<(string Name, double? Ms)> Named()
    {
        yield return ("startup_ms", StartupMs);
        yield return ("compile_ms", CompileMs);
        yield return ("instantiate_ms", InstantiateMs);
        yield return ("execute_ms", ExecuteMs);
        yield return ("teardown_ms", TeardownMs);
        yield return ("aot_compile_ms", AotCompileMs);
    }

    public static readonly IReadOnlyList<string> Names = None.Named().Select(p => p.Name).ToArray();

    /// <summary>Phases from values in the order of <see cref="Names"/> (the store's columns).</summary>
    public static Phases FromValues(IReadOnlyList<double?> v) => new(v[0], v[1], v[2], v[3], v[4], v[5]);
}
