using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmPerfDiff.Runtimes;

/// <summary>How an in-child runner's run ended (wire names ok, trap, unsupported, error).</summary>
public enum RunnerStatus
{
    /// <summary>The guest returned or called proc_exit.</summary>
    Ok,
    Trap,
    /// <summary>The module did not compile or link on this runtime.</summary>
    Unsupported,
    Error,
}

/// <summary>
/// What an in-child runner (the embedded Wasmtime worker, the Node runner) reports about its run,
/// written to a side-channel file and never to the guest's stdout. Times are CLOCK_REALTIME
/// nanoseconds, the same clock the harness uses for spawn and reap.
/// </summary>
public sealed record SideChannelMarks
{
    [JsonPropertyName("status")] public RunnerStatus Status { get; init; } = RunnerStatus.Error;
    [JsonPropertyName("exit_code")] public int? ExitCode { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    /// <summary>When the runner's code began (after the runtime's own process start).</summary>
    [JsonPropertyName("start_ns")] public long? StartNs { get; init; }
    /// <summary>When the module's bytes were read into memory: the end of startup (process spawn to here), the start of compile.</summary>
    [JsonPropertyName("loaded_ns")] public long? LoadedNs { get; init; }
    [JsonPropertyName("compiled_ns")] public long? CompiledNs { get; init; }
    [JsonPropertyName("instantiated_ns")] public long? InstantiatedNs { get; init; }
    [JsonPropertyName("executed_ns")] public long? ExecutedNs { get; init; }
    /// <summary>Warm run only (<see cref="LaunchOptions.Warm"/>): when the second instance of the same compiled module
    /// was ready, and when its <c>_start</c> returned; null when no warm run was asked for or it did not end ok.</summary>
    [JsonPropertyName("warm_instantiated_ns")] public long? WarmInstantiatedNs { get; init; }
    [JsonPropertyName("warm_executed_ns")] public long? WarmExecutedNs { get; init; }
    /// <summary>Why the warm run gave no time (it trapped, or exited with another code than the first run).</summary>
    [JsonPropertyName("warm_message")] public string? WarmMessage { get; init; }

    public static SideChannelMarks? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<SideChannelMarks>(File.ReadAllText(path), WireJson.Compact) : null;
        }
        catch (JsonException)
        {
            return null; // a runner killed mid-write leaves a torn file: same as no report
        }
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, WireJson.Compact));
}
