using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>analyze</c> asks for: runs from a campaign database or from WarpDiff's published data, and how to rank them.</summary>
public sealed record AnalyzeRequest(string? Database, string? WarpDiffDirectory, AnalysisOptions Options);

/// <summary>Loads the runs a request names and analyses them; published means are always analysed as means only.</summary>
public static class AnalyzeWorkflow
{
    public const string DefaultDatabase = "campaign.db";

    public static AnalysisResult Run(AnalyzeRequest request)
    {
        if (request.Database is not null && request.WarpDiffDirectory is not null)
            throw new BadInputException("give one source of runs: a campaign database or WarpDiff's data, not both");
        var (runs, meansOnly) = request.WarpDiffDirectory is { } dir ? FromWarpDiff(dir) : FromDatabase(request.Database ?? DefaultDatabase);
        return DifferentialAnalysis.Analyze(runs, request.Options with { MeansOnly = meansOnly });
    }

    private static (IReadOnlyList<CaseRun>, bool) FromWarpDiff(string dir)
    {
        if (!Directory.Exists(dir)) throw new BadInputException($"folder '{Path.GetFullPath(dir)}' does not exist", "WarpDiff");
        return (WarpDiffData.ToCaseRuns(WarpDiffData.Read(dir)), true);
    }

    private static (IReadOnlyList<CaseRun>, bool) FromDatabase(string path)
    {
        if (!File.Exists(path)) throw new BadInputException($"file '{Path.GetFullPath(path)}' does not exist", "Db");
        using var store = CampaignStore.OpenReadOnly(path);
        return (store.ReadCaseRuns(), store.HoldsMeansOnly);
    }
}
