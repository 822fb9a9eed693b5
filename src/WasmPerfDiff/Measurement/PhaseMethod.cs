namespace WasmPerfDiff.Measurement;

/// <summary>
/// Where a run's execution phase came from (wire names by <see cref="Wire"/>: <c>wall</c>, <c>markers</c>,
/// <c>side-channel</c>, <c>baseline</c>). The method decides how precise the phase is (see
/// <c>Analysis/DurationFloor</c>) and is shown next to each cell in analyze and the report.
/// </summary>
public enum PhaseMethod
{
    /// <summary>No phases: the execution phase is the whole-process wall time (process start, load and teardown included).</summary>
    Wall,
    /// <summary>The guest's own <c>@perfdiff begin/end</c> markers (the precise path when a module has them).</summary>
    Markers,
    /// <summary>The runner's in-process timestamps (embedded Wasmtime, Node/V8) around compile, instantiate and run.</summary>
    SideChannel,
    /// <summary>Wall time minus the median wall time of the cell's baseline module (the same module with an empty
    /// <c>_start</c>): execution = run − (start + load + eager compile + teardown).</summary>
    Baseline,
}
