namespace WasmPerfDiff.Measurement;

/// <summary>How one run ended. The wire names (<see cref="RunStatusNames"/>) are what the store, exports and JSON use.</summary>
public enum RunStatus
{
    Ok,
    ExitNonzero,
    Crash,
    Trap,
    Timeout,
    Mismatch,
    Unsupported,
    HarnessError,
}

public static class RunStatusNames
{
    public static string ToWire(this RunStatus status) => status switch
    {
        RunStatus.Ok => "ok",
        RunStatus.ExitNonzero => "exit-nonzero",
        RunStatus.Crash => "crash",
        RunStatus.Trap => "trap",
        RunStatus.Timeout => "timeout",
        RunStatus.Mismatch => "mismatch",
        RunStatus.Unsupported => "unsupported",
        RunStatus.HarnessError => "harness-error",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static RunStatus Parse(string wire) =>
        Enum.GetValues<RunStatus>().FirstOrDefault(s => s.ToWire() == wire, (RunStatus)(-1)) is var s && (int)s >= 0
            ? s
            : throw new FormatException($"unknown run status '{wire}'");
}
