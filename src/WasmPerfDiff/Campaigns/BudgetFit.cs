namespace WasmPerfDiff.Campaigns;

/// <summary>One open cell's share of what the campaign still has to run: runs it lacks for --min-runs and what one of its runs cost.</summary>
public sealed record CellCost(string Case, int RunsMissing, double SecondsPerRun);

/// <summary>
/// What a budget check found (<see cref="CampaignSettings.FitMinRunsToBudget"/>): the machine time the open
/// cells still need to reach --min-runs (from what their runs cost so far), the time left, and the cases dropped to fit.
/// </summary>
public sealed record BudgetCheck(TimeSpan At, TimeSpan Needed, TimeSpan Left, IReadOnlyList<string> DroppedCases);

/// <summary>
/// Fits a campaign's minimum runs into its time budget from measured costs: when the cells still short of --min-runs
/// would need more time than is left, whole cases are dropped, the most expensive first (the fewest cases lost), until
/// the rest fits. A case is dropped whole because the analysis compares runtimes on the cases they all ran.
/// </summary>
public static class BudgetFit
{
    /// <summary>Headroom for the spread of run times: the projection must fit in this share of the time left.</summary>
    public const double Headroom = 0.9;

    public static BudgetCheck Check(TimeSpan at, IReadOnlyList<CellCost> cells, TimeSpan left)
    {
        var perCase = cells
            .GroupBy(c => c.Case, StringComparer.Ordinal)
            .Select(g => (Case: g.Key, Seconds: g.Sum(c => Math.Max(0, c.RunsMissing) * c.SecondsPerRun)))
            .OrderByDescending(x => x.Seconds).ThenBy(x => x.Case, StringComparer.Ordinal)
            .ToList();
        var needed = perCase.Sum(x => x.Seconds);
        var allowed = Math.Max(0, left.TotalSeconds) * Headroom;
        var dropped = new List<string>();
        foreach (var (name, seconds) in perCase)
        {
            if (needed <= allowed) break;
            if (seconds <= 0) continue;
            dropped.Add(name);
            needed -= seconds;
        }
        return new BudgetCheck(at, TimeSpan.FromSeconds(perCase.Sum(x => x.Seconds)), left, dropped);
    }
}
