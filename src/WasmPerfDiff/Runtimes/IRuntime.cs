
namespace WasmPerfDiff.Runtimes;

/// <summary>Whether a runtime configuration can run here, and what it is.</summary>
public sealed record RuntimeAvailability(bool Available, string? Version, string? Path, string? Reason)
{
    public static RuntimeAvailability Missing(string reason) => new(false, null, null, reason);
}

/// <summary>
/// One runtime configuration (engine + tier + flags), e.g. <c>wasmtime-cranelift</c> or <c>v8-liftoff</c>.
/// Every run happens in a child process so that a crash or hang of the engine never takes the tool down;
/// a runtime only says which process to start (<see cref="PrepareAsync"/>) and
/// <see cref="RuntimeRunner"/> runs, measures and classifies it the same way for all.
/// </summary>
public interface IRuntime
{
    /// <summary>Unique configuration name used on the command line and in the store.</summary>
    string Name { get; }

    /// <summary>Engine family: wasmtime, v8, wasmer, wasmedge, wasm3, wamr, or a user-defined name.</summary>
    string Engine { get; }

    /// <summary>Tier or mode within the engine: cranelift, winch, pulley, turbofan, liftoff, interp, aot, ...</summary>
    string Tier { get; }

    /// <summary>The command template, as recorded in the store.</summary>
    string Describe();

    /// <summary>Looks the runtime up (cached after the first call).</summary>
    RuntimeAvailability Detect();

    /// <summary>
    /// Everything that must happen before the measured process starts (e.g. an AOT compile step, timed
    /// apart), and the process to start.
    /// </summary>
    Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when <see cref="LaunchOptions.Warm"/> is honoured: the runner runs the module a second time in the same
    /// process (a second instance of the already compiled module, fresh memory, its output discarded) and reports that
    /// second execution on its side channel. Runners of ours only (embedded Wasmtime, V8); a command-line runtime
    /// starts a new process per run and cannot.
    /// </summary>
    bool CanRunWarm => false;
}

/// <summary>Variations of a launch that are not part of what is measured. <paramref name="Warm"/>: after the measured
/// run, run the module once more in the same process (see <see cref="IRuntime.CanRunWarm"/>); runtimes that cannot ignore it.</summary>
public sealed record LaunchOptions(bool PerfMap = false, bool Warm = false)
{
    public static readonly LaunchOptions Default = new();
}
