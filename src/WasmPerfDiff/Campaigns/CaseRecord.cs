namespace WasmPerfDiff.Campaigns;

/// <summary>
/// A benchmark case as a campaign runs it and the store keeps it (table <c>case</c>):
/// the module, its guest arguments and stdin, and the output hash it must produce when known.
/// </summary>
public sealed record CaseRecord(
    string Name,
    string Suite,
    string WasmPath,
    string WasmSha256,
    IReadOnlyList<string> Args,
    string? StdinPath = null,
    string? ExpectedStdoutSha256 = null,
    string SizeName = "default");
