namespace WasmPerfDiff.Exporters;

/// <summary>Formats of <c>export</c>: raw rows (csv, json: one per run) or a per-cell summary (md).</summary>
public enum ExportFormat { Csv, Json, Md }
