namespace WasmPerfDiff.Analysis;

/// <summary>
/// The one rule that decides which cases are long enough to rank: a case is ranked when its fastest
/// runtime's median time reaches the floor. Below it, process start, timer resolution and page-fault
/// noise are a large share of the time. Analysis, report and simulation all ask here.
/// </summary>
public static class DurationFloor
{
    /// <summary>True when a case whose fastest runtime takes <paramref name="fastestMs"/> is ranked.</summary>
    public static bool Reaches(double fastestMs, double floorMs) => fastestMs >= floorMs;

    /// <summary>Indices of the cases of <paramref name="table"/> that reach the floor, by their cells' medians.</summary>
    public static List<int> RankedCases(CellTable table, double[] cellMedians, double floorMs)
    {
        var kept = new List<int>();
        var rt = table.RuntimeCount;
        for (var c = 0; c < table.CaseCount; c++)
        {
            var fastest = double.PositiveInfinity;
            for (var r = 0; r < rt; r++) fastest = Math.Min(fastest, cellMedians[c * rt + r]);
            if (Reaches(fastest, floorMs)) kept.Add(c);
        }
        return kept;
    }
}
