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
    [JsonPropertyName(Keys.Status)] public RunnerStatus Status { get; init; } = RunnerStatus.Error;
    [JsonPropertyName(Keys.ExitCode)] public int? ExitCode { get; init; }
    [JsonPropertyName(Keys.Message)] public string? Message { get; init; }
    /// <summary>When the runner's code began (after the runtime's own process start).</summary>
    [JsonPropertyName(Keys.StartNs)] public long? StartNs { get; init; }
    /// <summary>When the module's bytes were read into memory: the end of startup (process spawn to here), the start of compile.</summary>
    [JsonPropertyName(Keys.LoadedNs)] public long? LoadedNs { get; init; }
    [JsonPropertyName(Keys.CompiledNs)] public long? CompiledNs { get; init; }
    [JsonPropertyName(Keys.InstantiatedNs)] public long? InstantiatedNs { get; init; }
    [JsonPropertyName(Keys.ExecutedNs)] public long? ExecutedNs { get; init; }
    /// <summary>Embedded Wasmtime worker: when the store, module and engine were dropped after the run. The runtime's
    /// teardown ends here; what follows (writing this file, the .NET worker's own exit) is the harness's, not the
    /// runtime's, and stays out of the teardown phase. Null for runners that do not report it (teardown then runs to reap).</summary>
    [JsonPropertyName(Keys.TornDownNs)] public long? TornDownNs { get; init; }
    /// <summary>Warm run only (<see cref="LaunchOptions.Warm"/>): when the second instance of the same compiled module
    /// was ready, and when its <c>_start</c> returned; null when no warm run was asked for or it did not end ok.</summary>
    [JsonPropertyName(Keys.WarmInstantiatedNs)] public long? WarmInstantiatedNs { get; init; }
    [JsonPropertyName(Keys.WarmExecutedNs)] public long? WarmExecutedNs { get; init; }
    /// <summary>Why the warm run gave no time (it trapped, or exited with another code than the first run).</summary>
    [JsonPropertyName(Keys.WarmMessage)] public string? WarmMessage { get; init; }

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

    /// <summary>
    /// Written with <see cref="Utf8JsonWriter"/>, not the serializer: a worker process is fresh, and the serializer's first
    /// use cost it 130–230 ms (measured under load; the source-generated one too), all of it after the run, in its wall time.
    /// </summary>
    public void Write(string path)
    {
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteString(Keys.Status, Status.ToWire());
        Number(json, Keys.ExitCode, ExitCode);
        json.WriteString(Keys.Message, Message);
        Number(json, Keys.StartNs, StartNs);
        Number(json, Keys.LoadedNs, LoadedNs);
        Number(json, Keys.CompiledNs, CompiledNs);
        Number(json, Keys.InstantiatedNs, InstantiatedNs);
        Number(json, Keys.ExecutedNs, ExecutedNs);
        Number(json, Keys.TornDownNs, TornDownNs);
        Number(json, Keys.WarmInstantiatedNs, WarmInstantiatedNs);
        Number(json, Keys.WarmExecutedNs, WarmExecutedNs);
        json.WriteString(Keys.WarmMessage, WarmMessage);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string key, long? value)
    {
        if (value is long v) json.WriteNumber(key, v);
        else json.WriteNull(key);
    }

    /// <summary>The file's keys, shared by the reader (the properties' names) and <see cref="Write"/>.</summary>
    private static class Keys
    {
        public const string Status = "status";
        public const string ExitCode = "exit_code";
        public const string Message = "message";
        public const string StartNs = "start_ns";
        public const string LoadedNs = "loaded_ns";
        public const string CompiledNs = "compiled_ns";
        public const string InstantiatedNs = "instantiated_ns";
        public const string ExecutedNs = "executed_ns";
        public const string TornDownNs = "torn_down_ns";
        public const string WarmInstantiatedNs = "warm_instantiated_ns";
        public const string WarmExecutedNs = "warm_executed_ns";
        public const string WarmMessage = "warm_message";
    }
}
