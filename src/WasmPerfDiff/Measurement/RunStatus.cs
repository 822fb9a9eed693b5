namespace WasmPerfDiff.Measurement;

/// <summary>How one run ended. Its wire names (<see cref="Wire"/>: ok, exit-nonzero, …) are what the store, exports and JSON use.</summary>
public enum RunStatus
{
    Ok,
    ExitNonzero,
    Crash,
    Trap,
    Timeout,
    Mismatch,
    Unsupported,
    HarnessError,
}
