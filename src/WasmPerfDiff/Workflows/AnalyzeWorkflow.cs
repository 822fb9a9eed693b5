using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// What <c>analyze</c> asks for: runs from a campaign database or from WarpDiff's published data, how to rank
/// them, and whether to rerun the top findings at a second size to class their excess (fixed or throughput).
/// </summary>
public sealed record AnalyzeRequest(string? Database, string? WarpDiffDirectory, AnalysisOptions Options)
{
    public bool ClassifyExcess { get; init; }
    /// <summary>How many findings <see cref="ClassifyExcess"/> classifies (anomalies first, as ranked).</summary>
    public int ClassifyTop { get; init; } = new ExcessOptions().Top;
    public string? ConfigPath { get; init; }
    /// <summary>Campaign database of the construct corpus (<c>gen constructs</c>): fingerprint and explanations.</summary>
    public string? Constructs { get; init; }
    /// <summary>
    /// Folder that <c>profile --db … --findings N --out DIR</c> wrote: each profiled finding's explanations weight the
    /// opcode mix by the functions its perf profile shows hot (the others keep the static profile).
    /// </summary>
    public string? Profiles { get; init; }
}

/// <summary>Loads the runs a request names and analyses them; published means are always analysed as means only.</summary>
public static class AnalyzeWorkflow
{
    public const string DefaultDatabase = "campaign.db";

    public static async Task<AnalysisResult> RunAsync(AnalyzeRequest request, CancellationToken ct)
    {
        if (request.Database is not null && request.WarpDiffDirectory is not null)
            throw new BadInputException("give one source of runs: a campaign database or WarpDiff's data, not both");
        if (request.WarpDiffDirectory is { } dir)
        {
            if (request.Constructs is not null) throw new BadInputException("explaining findings by constructs needs the modules: give a campaign database", "Constructs");
            if (request.ClassifyExcess) throw new BadInputException("classifying excess reruns cells of a campaign: give a campaign database", "ClassifyExcess");
            if (!Directory.Exists(dir)) throw new BadInputException($"folder '{Path.GetFullPath(dir)}' does not exist", "Warpdiff");
            return DifferentialAnalysis.Analyze(WarpDiffData.ToCaseRuns(WarpDiffData.Read(dir)), request.Options with { MeansOnly = true });
        }
        var path = request.Database ?? DefaultDatabase;
        if (!File.Exists(path)) throw new BadInputException($"file '{Path.GetFullPath(path)}' does not exist", "Db");
        using var store = CampaignStore.OpenReadOnly(path);
        if (request.Profiles is not null && request.Constructs is null)
            throw new BadInputException("profiles weight the construct explanations: give --constructs too", "Profiles");
        var hot = request.Profiles is { } profiles ? HotFunctionShares.Read(profiles, required: true) : null;
        var fingerprint = request.Constructs is { } constructs ? ConstructFingerprintFile.Read(constructs, request.Options.Seed) : null;
        var runs = store.ReadCaseRuns();
        var result = HostLayerRule.Mark(DifferentialAnalysis.Analyze(runs, request.Options with { MeansOnly = store.HoldsMeansOnly }),
            runs, store.Runtimes());
        if (request.ClassifyExcess)
            result = await ExcessClassification.ClassifyAsync(result, store, new ExcessOptions { ConfigPath = request.ConfigPath, Top = request.ClassifyTop }, null, ct);
        return fingerprint is null ? result : ConstructExplanations.Attach(result, fingerprint, store.Cases(), hot);
    }
}
