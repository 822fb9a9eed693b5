using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary>One program's confirmed finding in a hunt group: factor and 95 % interval in the confirmation campaign.</summary>
public sealed record HuntMember(string Case, double? Factor, double? CiLow, double? CiHigh, string? ComparedWith, string? Detail);

/// <summary>A confirmed group: runtime, injected pattern, kind (<c>peer</c> for execution anomalies, or <c>tier-inversion</c>),
/// the median factor over its programs, the strongest member's interval, and its folder under <c>findings/</c>.</summary>
public sealed record HuntGroupRow(string Runtime, string Pattern, FindingKind Kind, double? Factor, double? CiLow, double? CiHigh,
    string Folder, IReadOnlyList<HuntMember> Members);

/// <summary>One round of a hunt: programs generated and kept, candidates, what the confirmation campaign confirmed.</summary>
public sealed record HuntRound(int Round, int Generated, int Kept, int Candidates, int Confirmed, string Campaign, string? Confirmation, string? Report);

/// <summary>A correctness divergence seen in a round's campaign (status, exit code or output unlike the expected or the majority's).</summary>
public sealed record HuntDivergence(int Round, string Case, string Runtime, string? Detail);

/// <summary><c>hunt --json</c>, also written as <c>hunt.json</c> in the output folder. Divergences are listed apart, never as timing.
/// <c>End</c>: <c>out-of-time</c> (the budget), <c>max-rounds</c> or <c>cancelled</c> (Ctrl-C or SIGTERM).</summary>
public sealed record HuntDocument(string Out, IReadOnlyList<string> Runtimes, double Seconds, string End, int ProgramsTried, int ProgramsKept,
    int Candidates, int ConfirmedFindings, IReadOnlyList<HuntGroupRow> Groups, IReadOnlyList<HuntRound> Rounds,
    IReadOnlyList<HuntDivergence> Divergences);
