namespace WasmPerfDiff.Corpus;

/// <summary>
/// The known runtime performance bugs (found by WarpDiff, see corpus/README.md) that corpus cases are built to
/// trigger; a manifest case names the ones it covers.
/// </summary>
public static class Triggers
{
    public const string WasmerFdWrite = "wasmer-fd-write";
    public const string WasmEdgeCallIndirect = "wasmedge-call-indirect";
    public const string WasmtimeRemConst = "wasmtime-rem-const";
    public const string WamrFloat = "wamr-float";
    public const string WamrUnstable = "wamr-unstable";
    public const string WamrNestedLoops = "wamr-nested-loops";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [WasmerFdWrite] = "Wasmer: WASI fd_write ~4x slower (many small writes)",
        [WasmEdgeCallIndirect] = "WasmEdge AOT: call_indirect ~9x slower (calls through function pointers / virtual methods)",
        [WasmtimeRemConst] = "Wasmtime: remainder by a constant in a loop ~3x slower (lost magic-number division)",
        [WamrFloat] = "WAMR fast-interp: complex float arithmetic ~2x slower than wasm3",
        [WamrUnstable] = "WAMR fast-interp: unstable times (variance, not mean)",
        [WamrNestedLoops] = "WAMR fast-interp: nested-loop linear algebra ~2x slower than wasm3",
    };

    public static IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)Descriptions.Keys;
}
