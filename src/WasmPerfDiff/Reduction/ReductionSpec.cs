using System.Text.Json;

namespace WasmPerfDiff.Reduction;

/// <summary>Where a reduction works: on the C source (C-Vise) or on the module (wasm-reduce). Wire names <c>c</c>, <c>wasm</c>.</summary>
public enum ReductionLevel { C, Wasm }

/// <summary>
/// Everything one check of a candidate needs, written once by the reduction as <see cref="FileName"/> in its work
/// folder and read back by every check the reducer starts (the hidden verb <c>reduce-check</c>), so a check is the same
/// decision whichever process makes it.
/// </summary>
public sealed record ReductionSpec
{
    public const string FileName = "spec.json";

    /// <summary>The reduction's working files (the reducer's copy, its log, the check script, this spec) in the output folder.</summary>
    public const string WorkFolderName = ".reduce";

    public required string Target { get; init; }
    public required IReadOnlyList<string> Peers { get; init; }
    public string? ConfigPath { get; init; }
    public required ReductionLevel Level { get; init; }
    /// <summary><c>c</c> or <c>c++</c> at source level.</summary>
    public string Language { get; init; } = "c";
    /// <summary>The reduced program's file name (e.g. <c>sha256.c</c>, <c>module.wasm</c>): the reducer works on a file of this name.</summary>
    public required string ProgramName { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    /// <summary>Index in <see cref="Args"/> of the size argument that may be raised when a candidate runs too briefly; null: none.</summary>
    public int? SizeArgIndex { get; init; }
    public string? StdinPath { get; init; }
    /// <summary>Folder of <c>perfdiff.h</c> for source builds.</summary>
    public string? IncludeDirectory { get; init; }
    /// <summary>clang for wasm32-wasi (source level) and gcc for the native UBSan build.</summary>
    public string? WasmCompiler { get; init; }
    public string? NativeCompiler { get; init; }
    /// <summary>valgrind, whose memcheck runs the native build of a candidate that passed every other check (source level).</summary>
    public string? Memcheck { get; init; }
    /// <summary>The factor each candidate must keep against every peer (<see cref="InterestingnessRule.Required"/>).</summary>
    public required double RequiredFactor { get; init; }
    public int MaxRuns { get; init; } = 12;
    /// <summary>What the factor is of (<see cref="InterestingnessRule.Metric"/>).</summary>
    public Campaigns.CompareMetric Metric { get; init; } = Campaigns.CompareMetric.Phases;
    public TimeSpan RunTimeout { get; init; } = DefaultRunTimeout;
    public long Seed { get; init; } = 1;
    /// <summary>The output folder that always holds the best program so far.</summary>
    public required string OutDirectory { get; init; }

    [System.Text.Json.Serialization.JsonIgnore] public string WorkDirectory => Path.Combine(OutDirectory, WorkFolderName);

    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A candidate's per-run timeout once the original is measured: 5 s (a runtime's start-up) plus ten times the
    /// original's slowest side, at most <see cref="DefaultRunTimeout"/>. Reducers often delete a loop's exit; such a
    /// candidate then costs seconds, not a minute per runtime (sha256's 30-minute reduction lost 4 minutes to four of them).
    /// </summary>
    public static TimeSpan CandidateTimeout(IEnumerable<SideTimes> original)
    {
        var slowestMs = original.Select(s => s.MedianMs ?? 0).DefaultIfEmpty(0).Max();
        var timeout = TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(10 * slowestMs);
        return timeout < DefaultRunTimeout ? timeout : DefaultRunTimeout;
    }

    public string Save(string workDirectory)
    {
        var path = Path.Combine(workDirectory, FileName);
        Host.OutputPaths.WriteText(path, "Out", JsonSerializer.Serialize(this, WireJson.Document));
        return path;
    }

    public static ReductionSpec Load(string path)
    {
        try { return JsonSerializer.Deserialize<ReductionSpec>(File.ReadAllText(path), WireJson.Input) ?? throw new BadInputException($"'{path}' is empty", "Spec"); }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new BadInputException($"'{path}' is not a reduction spec: {e.Message}", "Spec");
        }
    }
}
