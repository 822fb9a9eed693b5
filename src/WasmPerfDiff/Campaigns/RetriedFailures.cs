using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Failures that say nothing about the runtime: <c>unsupported</c> (it was not available, e.g. not installed or its
/// config not found on a cluster node) and <c>harness-error</c> (our side failed). A crash or a timeout would only
/// repeat; these may not, so <c>run --resume</c> retries such a cell when its runtime is available now. The failed
/// run stays stored (nothing is lost, its round is not reused) and a later run of the cell supersedes it.
/// </summary>
public static class RetriedFailures
{
    public static bool IsRetryable(RunStatus status) => status is RunStatus.Unsupported or RunStatus.HarnessError;

    /// <summary>One cell's runs in round order without the retryable failures that a later run of the cell superseded.</summary>
    public static List<CaseRun> Current(IEnumerable<CaseRun> cellRuns)
    {
        var ordered = cellRuns.OrderBy(r => r.Round).ToList();
        return ordered.Where((r, i) => i == ordered.Count - 1 || !IsRetryable(r.Result.Status)).ToList();
    }
}
