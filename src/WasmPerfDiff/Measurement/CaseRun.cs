namespace WasmPerfDiff.Measurement;

/// <summary>A run placed in its campaign: which case it measured and in which round.</summary>
public sealed record CaseRun(string Case, int Round, RunResult Result);
