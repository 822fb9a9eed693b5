using System.Text.RegularExpressions;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Measurement;

/// <summary>
/// Turns what happened to a child process into one <see cref="RunResult"/>: its status and its phases.
/// Phases come from a runner's side channel (embedded Wasmtime, Node) and/or from the guest's own
/// <c>@perfdiff begin/end</c> markers; when both exist the guest markers define execution, so that
/// "execute" means the same marked work on every runtime.
/// </summary>
public static partial class RunClassifier
{
    private const double NsPerMs = 1_000_000.0;

    /// <summary>What CLI runtimes print when the guest traps (wasmtime "wasm trap", wasmer/wasmedge/wasm3/iwasm variants).</summary>
    [GeneratedRegex(@"wasm trap|\btrap(ped)?\b|unreachable|RuntimeError|out of bounds memory access|integer divide by zero", RegexOptions.IgnoreCase)]
    private static partial Regex TrapText();

    /// <summary>
    /// Runtimes that report a trap on stdout, after the guest's output: WAMR's iwasm as its last line
    /// (<c>Exception: unreachable</c>, exit 1), WasmEdge in its log (<c>[…] [error] execution failed: unreachable, Code: 0x40a</c>, exit 134).
    /// </summary>
    [GeneratedRegex(@"(?m)(^Exception: [^\n]+\n?\z|^\[[0-9 :.-]+\] \[error\] execution failed: [^\n]+)")]
    private static partial Regex StdoutTrapReport();

    public static RunResult NotRun(string runtime, RunStatus status, string message, DateTimeOffset startedAt) =>
        new(runtime, status, null, null, 0, 0, 0, 0, 0, "", 0, "", Phases.None, startedAt, message);

    public static RunResult Classify(string runtime, ProcessOutcome o, GuestMarkerScanner markers, SideChannelMarks? marks, bool expectedMarks, double? aotCompileMs, DateTimeOffset startedAt)
    {
        if (!o.Spawned)
            return NotRun(runtime, RunStatus.HarnessError, o.SpawnError!, startedAt) with { Phases = new Phases(AotCompileMs: aotCompileMs) };

        var (status, message) = Status(o, marks, expectedMarks);
        return new RunResult(runtime, status, o.ExitCode, o.Signal, o.WallMs, o.UserMs, o.SysMs, o.MaxRssKb,
            o.Stdout.Bytes, o.Stdout.Sha256, o.Stderr.Bytes, o.Stderr.Sha256,
            PhasesOf(o, markers, marks, aotCompileMs), startedAt, message, MethodOf(markers, marks));
    }

    private static (RunStatus, string?) Status(ProcessOutcome o, SideChannelMarks? marks, bool expectedMarks)
    {
        if (o.TimedOut) return (RunStatus.Timeout, $"killed after {o.WallMs / 1000:F1} s");
        if (marks?.Status == RunnerStatus.Trap) return (RunStatus.Trap, marks.Message);
        if (marks?.Status == RunnerStatus.Unsupported) return (RunStatus.Unsupported, marks.Message);
        if (o.Signal is int signal) return (RunStatus.Crash, $"killed by signal {signal} ({SignalName(signal)})");
        if (expectedMarks && marks?.Status != RunnerStatus.Ok)
            return (RunStatus.HarnessError, $"runner reported nothing (exit {o.ExitCode}): {StderrTail(o)}");
        if (o.ExitCode == 0) return (RunStatus.Ok, null);
        if (!expectedMarks && TrapText().IsMatch(o.Stderr.HeadText)) return (RunStatus.Trap, StderrTail(o));
        if (!expectedMarks && StdoutTrapReport().Match(o.Stdout.HeadText) is { Success: true } m) return (RunStatus.Trap, m.Value.Trim());
        return (RunStatus.ExitNonzero, $"exit code {o.ExitCode}");
    }

    /// <summary>Which timestamps define the execution phase (guest markers win over the runner's, as in <see cref="PhasesOf"/>).</summary>
    private static PhaseMethod MethodOf(GuestMarkerScanner markers, SideChannelMarks? marks) =>
        markers.BeginNs is long b && markers.EndNs is long e && e >= b ? PhaseMethod.Markers
        : marks?.ExecutedNs is not null && marks.InstantiatedNs is not null ? PhaseMethod.SideChannel
        : PhaseMethod.Wall;

    private static Phases PhasesOf(ProcessOutcome o, GuestMarkerScanner markers, SideChannelMarks? marks, double? aotCompileMs)
    {
        static double? Ms(long? from, long? to) => from is long f && to is long t && t >= f ? (t - f) / NsPerMs : null;

        var phases = new Phases(AotCompileMs: aotCompileMs);
        if (marks is not null)
        {
            phases = phases with
            {
                // Startup = process spawn to module bytes read, for every runner (older runners without loaded_ns: to their start).
                StartupMs = Ms(o.SpawnUnixNs, marks.LoadedNs ?? marks.StartNs),
                CompileMs = Ms(marks.LoadedNs ?? marks.StartNs, marks.CompiledNs),
                InstantiateMs = Ms(marks.CompiledNs, marks.InstantiatedNs),
                ExecuteMs = Ms(marks.InstantiatedNs, marks.ExecutedNs),
                // Teardown ends when the runner says the runtime was torn down (the embedded worker's own exit is not
                // the runtime's), else at reap.
                TeardownMs = Ms(marks.ExecutedNs, marks.TornDownNs ?? o.ReapUnixNs),
            };
        }
        if (markers.BeginNs is long begin && markers.EndNs is long end && end >= begin)
        {
            // The guest's own start before its measured work (libc's init; an interpreter's start-up, which can be
            // hundreds of ms) is start-up too: with a runner's phases it is added to theirs, so no time falls between phases.
            phases = phases with
            {
                StartupMs = marks is null ? Ms(o.SpawnUnixNs, begin)
                    : phases.StartupMs + (Ms(marks.InstantiatedNs, begin) ?? 0),
                ExecuteMs = Ms(begin, end),
                TeardownMs = Ms(end, marks?.TornDownNs ?? o.ReapUnixNs),
            };
        }
        return phases;
    }

    private static string StderrTail(ProcessOutcome o)
    {
        var lines = o.Stderr.HeadText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("@perfdiff ", StringComparison.Ordinal)).ToArray();
        return lines.Length == 0 ? "(no stderr)" : lines[^1].Length > 300 ? lines[^1][..300] : lines[^1];
    }

    private static string SignalName(int signal) => signal switch
    {
        4 => "SIGILL", 6 => "SIGABRT", 7 => "SIGBUS", 8 => "SIGFPE", 9 => "SIGKILL", 11 => "SIGSEGV", 15 => "SIGTERM",
        _ => $"signal {signal}",
    };
}
