namespace WasmPerfDiff.Cli;

/// <summary>Exit codes shared by every verb (docs/ARCHITECTURE.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The job ran and found something that fails it (each verb documents what).</summary>
    public const int Found = 1;
    public const int Usage = 2;
    /// <summary>A fault of the tool itself (a bug): reported on one line, never as a stack trace.</summary>
    public const int Internal = 70;
    /// <summary>Ctrl-C or SIGTERM ended a verb that keeps nothing of its own to report (128 + SIGINT, as shells do).</summary>
    public const int Cancelled = 130;
}
