using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Runtimes;

/// <summary>Whether a runtime configuration can run here, and what it is.</summary>
public sealed record RuntimeAvailability(bool Available, string? Version, string? Path, string? Reason)
{
    public static RuntimeAvailability Missing(string reason) => new(false, null, null, reason);
}

/// <summary>
/// One runtime configuration (engine + tier + flags), e.g. <c>wasmtime-cranelift</c> or <c>v8-liftoff</c>.
/// Every run happens in a child process so that a crash or hang of the engine never takes the tool down.
/// </summary>
public interface IRuntime
{
    /// <summary>Unique configuration name used on the command line and in the store.</summary>
    string Name { get; }

    /// <summary>Engine family: wasmtime, v8, wasmer, wasmedge, wasm3, wamr, or a user-defined name.</summary>
    string Engine { get; }

    /// <summary>Tier or mode within the engine: cranelift, winch, pulley, turbofan, liftoff, interp, aot, ...</summary>
    string Tier { get; }

    /// <summary>The command line (or a description of it) as recorded in the store.</summary>
    string Describe();

    RuntimeAvailability Detect();

    Task<RunResult> RunAsync(RunRequest request, CancellationToken cancellationToken = default);
}
