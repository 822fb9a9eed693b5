using WasmPerfDiff.Corpus.Programs;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary>A kept generated program: its hot spot, Csmith seed, size and native time (ms).</summary>
public sealed record GeneratedProgramRow(string Name, string Pattern, uint CsmithSeed, long Size, double NativeMs);

/// <summary>A rejected generated program and why.</summary>
public sealed record RejectedProgramRow(string Name, string Pattern, uint CsmithSeed, Rejection Reason, string Detail);

/// <summary><c>gen programs --json</c>, also written as <c>programs.json</c> in the output folder (<c>hunt</c> reads the patterns from it).</summary>
public sealed record GenProgramsDocument(string Out, long Seed, int Generated, int Kept, IReadOnlyDictionary<string, int> RejectedBy,
    double Seconds, string ReferenceRuntime, double MinMs, double MaxMs,
    IReadOnlyList<GeneratedProgramRow> Programs, IReadOnlyList<RejectedProgramRow> Rejected);
