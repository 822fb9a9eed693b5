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
    private const int ColumnWidth = 84;

    /// <summary>Slant of the runtime names: steep enough that a 21-character name fits above an 84 px column.</summary>
    private const float LabelSlantDegrees = 35;

    /// <summary>Room above the grid for the slanted names (in rows) and to the right for the last one (in columns).</summary>
    private const double HeaderRows = 5, HeaderColumns = 1.2;

    public static string Svg(ConsensusSummary map) => Svg(map, "chart-heatmap", "heatmap of residual factors, case by runtime");

    /// <summary>The heatmap under its own SVG id and label; a NaN residual is a missing cell, drawn grey with a dash.</summary>
    public static string Svg(ConsensusSummary map, string id, string label)
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
            if (!missing && Math.Abs(lf) < Math.Log(LabelFactor)) continue;
            var text = plot.Add.Text(missing ? "–" : LogAxis.Factor(Math.Exp(lf)), r + 0.5, y + 0.5);
            text.LabelFontSize = 11;
            text.LabelFontName = ChartPalette.FontFamily;
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontColor = Color.FromHex(missing ? ChartPalette.Muted : ChartPalette.TextOnDiverging(lf));
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
        plot.HideGrid();
        plot.Axes.Frame(false);
        var longest = map.Cases.Count == 0 ? 10 : map.Cases.Max(c => c.Length);
        var width = 40 + Math.Min(longest, 40) * 7 + (int)((cols + HeaderColumns) * ColumnWidth);
        return SvgChart.Render(plot, width, 30 + (int)((rows + HeaderRows) * RowHeight), id, label);
    }
}
