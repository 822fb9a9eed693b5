using System.Text.Json;
using System.Text.Json.Serialization;
using WasmPerfDiff.Runtimes.Cli;

namespace WasmPerfDiff.Runtimes;

/// <summary>
/// The user's runtime config file (JSON): where catalog programs live (<c>paths</c>) and runtimes of
/// their own (<c>runtimes</c>), each an argv template with <c>{wasm}</c>, <c>{args}</c>, <c>{dir}</c>, optional <c>env</c> (added environment) and
/// <c>working_directory</c>, and an
/// optional precompile template with <c>{wasm}</c> and <c>{out}</c>. Found at <c>--config FILE</c>, else
/// <c>$WASM_PERFDIFF_CONFIG</c>, else <c>./wasm-perfdiff.json</c>, else <c>~/.config/wasm-perfdiff/config.json</c>.
/// </summary>
public sealed record RuntimeConfig(IReadOnlyDictionary<string, string> Paths, IReadOnlyList<CliRuntimeDefinition> Runtimes)
{
    public static readonly RuntimeConfig Empty = new(new Dictionary<string, string>(), []);

    public const string EnvironmentVariable = "WASM_PERFDIFF_CONFIG";

    public static string? Locate(string? explicitPath)
    {
        if (explicitPath is not null)
            return File.Exists(explicitPath) ? explicitPath : throw new BadInputException($"config file not found: {explicitPath}");
        // Set on purpose, so refused like --config when it names nothing usable (never silently skipped).
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            if (Directory.Exists(fromEnvironment))
                throw new BadInputException($"${EnvironmentVariable} names '{fromEnvironment}', a folder, not a config file");
            return File.Exists(fromEnvironment) ? fromEnvironment
                : throw new BadInputException($"${EnvironmentVariable} names '{fromEnvironment}', which does not exist");
        }
        var candidates = new[]
        {
            Path.Combine(Environment.CurrentDirectory, "wasm-perfdiff.json"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "wasm-perfdiff", "config.json"),
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    public static RuntimeConfig Load(string? explicitPath)
    {
        var path = Locate(explicitPath);
        if (path is null) return Empty;
        ConfigFile file;
        try
        {
            file = JsonSerializer.Deserialize<ConfigFile>(Host.InputFile.ReadAllText(path, "Config", "runtime config"), WireJson.Input)
                ?? throw new BadInputException($"{path}: empty config");
        }
        catch (JsonException e)
        {
            throw JsonErrors.Describe($"runtime config '{path}'", e, "Config");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read runtime config '{path}': {e.Message}", "Config");
        }
        if (file.Runtimes?.Any(r => r is null) == true) throw new BadInputException($"{path}: 'runtimes' holds a null entry", "Config");
        if (file.Paths?.Any(p => p.Value is null) == true) throw new BadInputException($"{path}: 'paths' holds a null path", "Config");
        var runtimes = (file.Runtimes ?? []).Select((r, i) => r.ToDefinition(path, i)).ToList();
        var dup = runtimes.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new BadInputException($"{path}: runtime '{dup.Key}' is defined twice");
        return new RuntimeConfig(file.Paths ?? new Dictionary<string, string>(), runtimes);
    }

    private sealed record ConfigFile(
        [property: JsonPropertyName("paths")] Dictionary<string, string>? Paths = null,
        [property: JsonPropertyName("runtimes")] List<UserRuntime>? Runtimes = null);

    private sealed record UserRuntime(
        [property: JsonPropertyName("name")] string? Name = null,
        [property: JsonPropertyName("engine")] string? Engine = null,
        [property: JsonPropertyName("tier")] string? Tier = null,
        [property: JsonPropertyName("command")] List<string>? Command = null,
        [property: JsonPropertyName("precompile")] List<string>? Precompile = null,
        [property: JsonPropertyName("version")] List<string>? Version = null,
        [property: JsonPropertyName("artifact_extension")] string? ArtifactExtension = null,
        [property: JsonPropertyName("env")] Dictionary<string, string>? Env = null,
        [property: JsonPropertyName("working_directory")] string? WorkingDirectory = null,
        [property: JsonPropertyName("probe")] bool? Probe = null)
    {
        public CliRuntimeDefinition ToDefinition(string path, int index)
        {
            var where = $"{path}: runtimes[{index}]";
            if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => char.IsWhiteSpace(c) || c == ','))
                throw new BadInputException($"{where}: 'name' is required and may not contain spaces or commas");
            if (!RuntimeNames.IsSafe(Name))
                throw new BadInputException($"{where}: runtime name '{Name}' may only use {RuntimeNames.Alphabet}");
            if (Command is null || Command.Count == 0)
                throw new BadInputException($"{where} ({Name}): 'command' must be a non-empty argv list");
            foreach (var (list, key) in new[] { (Command, "command"), (Precompile, "precompile"), (Version, "version") })
                if (list is not null && list.Any(string.IsNullOrEmpty))
                    throw new BadInputException($"{where} ({Name}): '{key}' holds a null or empty argument");
            if (Version is { Count: 0 }) throw new BadInputException($"{where} ({Name}): 'version' must be a non-empty argv list (or left out)");
            if (!Command.Contains("{wasm}") && !Command.Any(a => a.Contains("{wasm}")) && !Command.Any(a => a.Contains("{out}")))
                throw new BadInputException($"{where} ({Name}): 'command' must mention {{wasm}} (or {{out}} with a precompile step)");
            if (Precompile is { Count: 0 }) throw new BadInputException($"{where} ({Name}): 'precompile' must be a non-empty argv list");
            return new CliRuntimeDefinition(Name, Engine ?? Name, Tier ?? "default", new CommandTemplate(Command),
                Precompile is null ? null : new CommandTemplate(Precompile),
                Version is null ? null : new CommandTemplate(Version),
                ArtifactExtension ?? ".aot")
            {
                Environment = Env ?? new Dictionary<string, string>(),
                WorkingDirectory = WorkingDirectory,
                ProbeRun = Probe ?? true,
            };
        }
    }
}
