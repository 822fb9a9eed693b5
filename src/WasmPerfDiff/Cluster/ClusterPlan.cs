using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Cluster;

/// <summary>
/// What <c>plan slurm|k8s</c> is asked for: a campaign (its settings) split into <see cref="Shards"/> shards, one
/// job array task (or Indexed Job pod) each, then a merge job that imports every shard and writes the report.
/// </summary>
public sealed record ClusterPlanRequest
{
    public required int Shards { get; init; }
    /// <summary>Folder the scripts are written to; the jobs run there (it must be on a filesystem every node sees).</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Base name of the campaign database: shard I writes <c>campaign.shard-I-of-N.db</c>, the merge <c>campaign.db</c>.</summary>
    public string Database { get; init; } = "campaign.db";
    /// <summary>The campaign's selection and stopping settings (cases, runtimes, size, runs).</summary>
    public CampaignSettings Settings { get; init; } = new();
    /// <summary>Corpus folder as the jobs see it (null: the tool's own search).</summary>
    public string? CorpusDirectory { get; init; }
    /// <summary>How many shards run at once (Slurm's <c>%K</c>, Kubernetes' parallelism); null = all.</summary>
    public int? Concurrency { get; init; }
    /// <summary>Whole nodes per shard (Slurm <c>--exclusive</c>; Kubernetes: one shard pod per node).</summary>
    public bool Exclusive { get; init; } = true;
    /// <summary>Kubernetes: whole cores each shard pod requests and is limited to. A campaign runs one process at a
    /// time: a core for the measured run, one for the tool itself and the runtime's helper threads (a JIT's background
    /// compiles, a collector), so neither competes with the measurement.</summary>
    public int CpusPerShard { get; init; } = 2;
    /// <summary>Slurm partition (null: the cluster's default).</summary>
    public string? Partition { get; init; }
    /// <summary>The time limit is the heaviest shard's expected time times this.</summary>
    public double TimeMargin { get; init; } = 3;
    /// <summary>The tool's command line on the nodes (null: this very tool, e.g. <c>dotnet /path/wasm-perfdiff.dll</c>).</summary>
    public IReadOnlyList<string>? Tool { get; init; }
    /// <summary>Kubernetes: the container image holding the tool (and its corpus).</summary>
    public string Image { get; init; } = "wasm-perfdiff:latest";
    /// <summary>Kubernetes: the PersistentVolumeClaim mounted at /work where shards and the merge meet.</summary>
    public string VolumeClaim { get; init; } = "wasm-perfdiff-work";
    /// <summary>The runtime config file the campaign uses (null: none): copied beside the scripts as
    /// <see cref="ClusterPlan.ConfigCopy"/>, and every shard runs with it.</summary>
    public string? ConfigFile { get; init; }
    /// <summary>Runtimes counted in the expected cost when <see cref="CampaignSettings.Runtimes"/> is empty (all available).</summary>
    public int DefaultRuntimeCount { get; init; } = 1;

    public void Validate()
    {
        if (Shards < 1) throw new BadInputException($"must be ≥ 1, not {Shards}", nameof(Shards));
        if (Concurrency is < 1) throw new BadInputException("must be ≥ 1", nameof(Concurrency));
        if (CpusPerShard < 1) throw new BadInputException($"must be ≥ 1, not {CpusPerShard}", nameof(CpusPerShard));
        if (TimeMargin < 1) throw new BadInputException("must be ≥ 1", nameof(TimeMargin));
        if (Path.GetFileName(Database) != Database || Database.Length == 0)
            throw new BadInputException($"'{Database}' must be a file name: the jobs keep their databases in the output folder", nameof(Database));
        Settings.Validate();
    }
}

/// <summary>The files a plan wrote and what it expects of each shard.</summary>
public sealed record ClusterPlanResult(string Directory, IReadOnlyList<string> Files, string SubmitScript,
    IReadOnlyList<ShardEstimate> Shards, TimeSpan TimeLimit);

/// <summary>One shard's cases and expected run time (all runs of all its cells).</summary>
public sealed record ShardEstimate(int Index, IReadOnlyList<string> Cases, TimeSpan Expected);

/// <summary>What both schedulers' plans share: the shard split and its time estimate, the tool's command line, quoting.</summary>
public static class ClusterPlan
{
    /// <summary>Startup and bookkeeping of one run (a child process, the worker of an embedded runtime) added to its expected time.</summary>
    public static readonly TimeSpan PerRunOverhead = TimeSpan.FromMilliseconds(500);

    /// <summary>Floor of a task's time limit: a scheduler's queue and a node's first start are not free.</summary>
    public static readonly TimeSpan MinimumTimeLimit = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<ShardEstimate> Estimate(ClusterPlanRequest request)
    {
        var runtimes = request.Settings.Runtimes.Count > 0 ? request.Settings.Runtimes.Count : Math.Max(1, request.DefaultRuntimeCount);
        var costs = CampaignCases.ExpectedCosts(request.Settings, runtimes);
        if (costs.Count < request.Shards)
            throw new BadInputException($"{request.Shards} shards but only {costs.Count} case(s): every shard needs one", nameof(request.Shards));
        var runsPerCell = request.Settings.Warmup + request.Settings.MaxRuns;
        return ShardBalancer.Partition(costs, request.Shards)
            .Select((cases, i) => new ShardEstimate(i + 1, cases, TimeSpan.FromMilliseconds(
                cases.Sum(c => costs[c] * runsPerCell + PerRunOverhead.TotalMilliseconds * runsPerCell * runtimes))))
            .ToList();
    }

    public static TimeSpan TimeLimit(IReadOnlyList<ShardEstimate> shards, double margin)
    {
        var worst = shards.Max(s => s.Expected) * margin;
        var limit = worst < MinimumTimeLimit ? MinimumTimeLimit : worst;
        return TimeSpan.FromMinutes(Math.Ceiling(limit.TotalMinutes));
    }

    /// <summary>This tool's command line: <c>dotnet path/wasm-perfdiff.dll</c> when run through dotnet, else its executable.</summary>
    public static IReadOnlyList<string> CurrentTool()
    {
        var process = Environment.ProcessPath ?? "wasm-perfdiff";
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry) ? [process, entry] : [process];
    }

    /// <summary>The name of the campaign's runtime config beside the scripts (the jobs run in that folder).</summary>
    public const string ConfigCopy = "wasm-perfdiff-config.json";

    /// <summary>
    /// Copies the campaign's runtime config beside the scripts (a node may see neither the submitter's working
    /// folder nor their home, where the config was found); null when the campaign has none. A shard without it
    /// would find no runtime the config defines and fail every cell.
    /// </summary>
    public static string? CarryConfig(ClusterPlanRequest request, string directory)
    {
        if (request.ConfigFile is not { } source) return null;
        var copy = Path.Combine(directory, ConfigCopy);
        var text = File.ReadAllBytes(source);
        if (!File.Exists(copy) || !File.ReadAllBytes(copy).AsSpan().SequenceEqual(text)) File.WriteAllBytes(copy, text);
        return copy;
    }

    /// <summary>The <c>run</c> options that fix the campaign every shard runs (never the shard, database or resume).</summary>
    public static IReadOnlyList<string> RunOptions(ClusterPlanRequest request)
    {
        var s = request.Settings;
        var args = new List<string>();
        if (request.ConfigFile is not null) args.AddRange(["--config", ConfigCopy]);
        if (request.CorpusDirectory is { } corpus) args.AddRange(["--corpus", corpus]);
        if (!string.IsNullOrEmpty(s.CasesGlob)) args.AddRange(["--cases", s.CasesGlob]);
        if (s.Runtimes.Count > 0) args.AddRange(["--runtime", string.Join(',', s.Runtimes)]);
        args.AddRange(["--size", s.Size, "--warmup", Num(s.Warmup), "--min-runs", Num(s.MinRuns), "--max-runs", Num(s.MaxRuns)]);
        if (s.Timeout is { } t) args.AddRange(["--timeout", t.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)]);
        return args;
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A word for a POSIX shell: single-quoted unless it is plainly safe.</summary>
    public static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";

    public static string ShellLine(IEnumerable<string> words) => string.Join(' ', words.Select(ShellQuote));

    /// <summary>A YAML scalar: a JSON string, which YAML reads as the same double-quoted string.</summary>
    public static string YamlQuote(string value) => JsonSerializer.Serialize(value, YamlSafeJson);

    // Escapes only what a double-quoted string must (quote, backslash, control characters); YAML reads the same escapes.
    private static readonly JsonSerializerOptions YamlSafeJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Slurm's D-HH:MM:SS.</summary>
    public static string SlurmTime(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalDays}-{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}");

    internal static string Write(string directory, string name, string text, bool executable = false)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"), new UTF8Encoding(false));
        if (executable && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return path;
    }
}
