namespace WasmPerfDiff.Campaigns;

/// <summary>
/// A benchmark case as a campaign runs it and the store keeps it (table <c>case</c>):
/// the module, its guest arguments and stdin, and the output hash it must produce when known. The directory to
/// preopen (<see cref="PreopenDir"/>) comes from the corpus each time a campaign runs or resumes; the store does not
/// keep it, so reruns from a stored campaign alone (excess classification, profiles) run without it.
/// </summary>
public sealed record CaseRecord(
    string Name,
    string Suite,
    string WasmPath,
    string WasmSha256,
    IReadOnlyList<string> Args,
    string? StdinPath = null,
    string? ExpectedStdoutSha256 = null,
    string SizeName = "default",
    string? PreopenDir = null);
