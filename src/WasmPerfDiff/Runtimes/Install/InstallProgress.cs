namespace WasmPerfDiff.Runtimes.Install;

/// <summary>
/// What an install is doing, for a progress display: a stage (download, unpack, configure, build, probe),
/// a line of text, and how far it is (bytes for a download, percent or steps for a build; null when unknown).
/// </summary>
public sealed record InstallProgress(string Stage, string Message, long? Done = null, long? Total = null, bool IsBytes = false)
{
    public static InstallProgress Text(string stage, string message) => new(stage, message);
}
