using ScottPlot;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Reporting.Charts;

/// <summary>
/// Heatmap of the consensus residuals: one row per case, one column per runtime, coloured by the log
/// factor on a diverging scale (<see cref="ChartPalette.DivergingHex"/>), with the factor written in every
/// cell that is off by more than <see cref="LabelFactor"/>, so the numbers stand out where colour does.
/// </summary>
public static class HeatmapChart
{
    /// <summary>Cells within ±10 % of the prediction stay unlabelled: that is within run-to-run noise.</summary>
    public const double LabelFactor = 1.1;

    private const int RowHeight = 20;
    /// <summary>Rows that carry an interval under the factor need room for two lines.</summary>
    private const int IntervalRowHeight = 32;
    private const int ColumnWidth = 84;

    /// <summary>Slant of the runtime names: steep enough that a 21-character name fits above an 84 px column.</summary>
    private const float LabelSlantDegrees = 35;

    /// <summary>Room above the grid for the slanted names (in rows) and to the right for the last one (in columns).</summary>
    private const double HeaderRows = 5, HeaderColumns = 1.2;

    public static string Svg(ConsensusSummary map) => Svg(map, "chart-heatmap", "heatmap of residual factors, case by runtime");

    /// <summary>The heatmap under its own SVG id and label; a NaN residual is a missing cell, drawn grey with a dash.
    /// With <paramref name="intervals"/> (one per cell, null where there is none) every cell shows its 95 % interval under
    /// its factor, and a cell the interval does not settle is hatched and its factor followed by "?".</summary>
    public static string Svg(ConsensusSummary map, string id, string label, CellInterval?[][]? intervals = null)
    {
        var plot = SvgChart.NewPlot();
        int rows = map.Cases.Count, cols = map.Runtimes.Count;
        for (var c = 0; c < rows; c++)
        for (var r = 0; r < cols; r++)
        {
            var lf = map.LogResiduals[c][r];
            var y = rows - 1 - c;
            var rect = plot.Add.Rectangle(r, r + 1, y, y + 1);
            var missing = double.IsNaN(lf);
            rect.FillColor = Color.FromHex(missing ? ChartPalette.Missing : ChartPalette.DivergingHex(lf));
            rect.LineColor = Colors.White;
            rect.LineWidth = 1;
            var interval = missing ? null : intervals?[c][r];
            if (interval is { Undecided: true }) Hatch(plot, r, y);
            if (!missing && intervals is null && Math.Abs(lf) < Math.Log(LabelFactor)) continue;
            var ink = Color.FromHex(missing ? ChartPalette.Muted : ChartPalette.TextOnDiverging(lf));
            var factor = missing ? "–" : LogAxis.Factor(Math.Exp(lf)) + (interval is { Undecided: true } ? "?" : "");
            Label(plot, factor, r + 0.5, y + (interval is null ? 0.5 : 0.64), 11, ink);
            if (interval is { } iv)
                Label(plot, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{iv.Low:0.0#}–{iv.High:0.0#}"), r + 0.5, y + 0.28, 9, ink);
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(c => rows - 1 - c + 0.5).ToArray(),
            map.Cases.Select(c => map.ShortCases.Contains(c) ? c + " ·" : c).ToArray());
        // Runtime names above the columns, slanted so long names fit narrow columns; drawn as text in the
        // data area (with room reserved above the grid) because they belong to the columns, not to an axis.
        for (var r = 0; r < cols; r++)
        {
            var name = plot.Add.Text(map.Runtimes[r], r + 0.35, rows + 0.15);
            name.LabelFontSize = 12;
            name.LabelFontName = ChartPalette.FontFamily;
            name.LabelRotation = -LabelSlantDegrees;
            name.LabelAlignment = Alignment.LowerLeft;
            name.LabelFontColor = Color.FromHex(ChartPalette.Ink);
        }
        plot.Axes.Bottom.SetTicks([], []);
        plot.Axes.SetLimits(0, cols + HeaderColumns, 0, rows + HeaderRows);
        var rowHeight = intervals is null ? RowHeight : IntervalRowHeight;
        plot.HideGrid();
        plot.Axes.Frame(false);
        var longest = map.Cases.Count == 0 ? 10 : map.Cases.Max(c => c.Length);
        var width = 40 + Math.Min(longest, 40) * 7 + (int)((cols + HeaderColumns) * ColumnWidth);
        return SvgChart.Render(plot, width, 30 + (int)((rows + HeaderRows) * rowHeight), id, label);
    }

    private static void Label(Plot plot, string s, double x, double y, float size, Color ink)
    {
        var text = plot.Add.Text(s, x, y);
        text.LabelFontSize = size;
        text.LabelFontName = ChartPalette.FontFamily;
        text.LabelAlignment = Alignment.MiddleCenter;
        text.LabelFontColor = ink;
    }

    /// <summary>Three diagonal white strokes across cell (x, y): the mark of a cell whose interval decides nothing.</summary>
    private static void Hatch(Plot plot, int x, int y)
    {
        foreach (var d in new[] { -0.5, 0.0, 0.5 })
        {
            var line = plot.Add.Line(x + Math.Max(0, d), y + Math.Max(0, -d), x + Math.Min(1, 1 + d), y + Math.Min(1, 1 - d));
            line.LineColor = Colors.White.WithAlpha(0.7);
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }
    }
}

/// <summary>A heatmap cell's 95 % interval (as factors), and whether it leaves the cell undecided (drawn hatched).</summary>
public readonly record struct CellInterval(double Low, double High, bool Undecided);
