using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Campaigns.Calibration;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>calibrate</c> asks for: the reference runtime, the target execution time, which cases, and whether to record.</summary>
/// <param name="Size">The manifest size to calibrate and record: <c>default</c>, or e.g. <c>demo</c> (the demo's sizes, a new size starting from <c>test</c>).</param>
public sealed record CalibrateRequest(string Runtime, double TargetMs, string? CorpusDirectory, string? CasesGlob, bool DryRun, string? ConfigPath,
    string Size = CorpusCase.DefaultSize, bool CpuTime = false);

/// <summary>Every case's calibration, where the new sizes were recorded (null: nothing recorded), and how many missed the target by more than 2×.</summary>
public sealed record CalibrateResult(string Runtime, double TargetMs, IReadOnlyList<CalibrationResult> Cases, string? RecordedIn, int Outside);

public static class CalibrateWorkflow
{
    public static async Task<CalibrateResult> RunAsync(CalibrateRequest request, Action<CalibrationResult>? onCase, CancellationToken ct)
    {
        if (!(request.TargetMs > 0) || !double.IsFinite(request.TargetMs)) throw new BadInputException("must be positive", nameof(request.TargetMs));
        var set = CorpusSet.Locate(request.CorpusDirectory);
        if (set.IsForeign) throw new BadInputException($"'{set.Directory}' is a foreign corpus: its sizes live in NAME.args files, not in a manifest");
        var reference = RuntimeCatalog.Load(request.ConfigPath).Select([request.Runtime]).Single();
        if (reference.Detect() is { Available: false } missing) throw new BadInputException($"{reference.Name} is not available: {missing.Reason}");
        var selected = set.Cases.Where(c => CampaignCases.Matches(request.CasesGlob, c.Name)).ToList();
        if (selected.Count == 0) throw new BadInputException("no case matches", "Cases");

        var calibrator = new SizeCalibrator(set, reference, request.TargetMs, request.Size, request.CpuTime);
        var results = new List<CalibrationResult>();
        foreach (var c in selected)
        {
            var r = await calibrator.CalibrateAsync(c, ct);
            results.Add(r);
            onCase?.Invoke(r);
        }
        var newSize = selected.Any(c => !c.Sizes.ContainsKey(request.Size));
        var recordedIn = !request.DryRun && (newSize || results.Any(r => r.Changed))
            ? await ManifestSizes.RecordAsync(set, results, request.Size, reference, ct) : null;
        var outside = results.Count(r => r.ExecuteMs is double ms && (ms < request.TargetMs / SizeSearch.Tolerance || ms > request.TargetMs * SizeSearch.Tolerance));
        return new CalibrateResult(reference.Name, request.TargetMs, results, recordedIn, outside);
    }
}
