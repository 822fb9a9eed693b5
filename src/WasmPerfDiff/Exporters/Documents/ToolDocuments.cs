using WasmPerfDiff.Campaigns.Calibration;
using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>calibrate --json</c>.</summary>
public sealed record CalibrationDocument(string Runtime, double TargetMs, IReadOnlyList<CalibrationResult> Cases);

/// <summary><c>profile --db FILE --findings N --json</c>: the index file and each finding's profile.</summary>
public sealed record FindingProfilesDocument(string Index, IReadOnlyList<FindingProfile> Findings);

/// <summary><c>gen constructs --json</c>: the folder, its manifest and every generated family.</summary>
public sealed record ConstructGenDocument(string Out, string Manifest, IReadOnlyList<Corpus.Constructs.GeneratedConstruct> Families);
