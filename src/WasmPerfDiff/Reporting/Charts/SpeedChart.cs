using ScottPlot;

namespace WasmPerfDiff.Reporting.Charts;

/// <summary>
/// Horizontal bars: each runtime's typical time relative to the fastest, on a log axis (so 2× and ½×
/// look alike in size), fastest on top, with the factor written at the end of each bar.
/// </summary>
public static class SpeedChart
{
    public static string Svg(IReadOnlyList<RuntimeSummary> runtimes, IReadOnlyList<string> colourOrder)
    {
        var rows = runtimes.Where(r => r.SpeedFactor is not null).OrderBy(r => r.SpeedFactor).ToList();
        var plot = SvgChart.NewPlot();
        var n = rows.Count;
        var max = Math.Max(2, rows.Max(r => r.SpeedFactor!.Value));
        for (var i = 0; i < n; i++)
        {
            var f = rows[i].SpeedFactor!.Value;
            var y = n - 1 - i;
            var bar = plot.Add.Bar(new Bar
            {
                Position = y,
                Value = Math.Log10(f),
                ValueBase = 0,
                FillColor = ChartPalette.Runtime(colourOrder, rows[i].Name),
                LineWidth = 0,
                Size = 0.7,
                Orientation = Orientation.Horizontal,
            });
            var text = plot.Add.Text(ReportFormat.Factor(f), Math.Log10(f), y);
            text.LabelFontSize = 12;
            text.LabelFontName = ChartPalette.FontFamily;
            text.LabelAlignment = Alignment.MiddleLeft;
            text.LabelOffsetX = 6;
            text.LabelFontColor = Color.FromHex(ChartPalette.Ink);
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), rows.Select(r => r.Name).ToArray());
        var (pos, labels) = LogAxis.Ticks(1, max, LogAxis.Factor);
        plot.Axes.Bottom.SetTicks(pos, labels);
        plot.Axes.SetLimits(0, Math.Log10(max) * 1.18, -0.6, n - 0.4);
        plot.XLabel("typical time relative to the fastest runtime (log scale)");
        plot.Grid.YAxisStyle.IsVisible = false;
        return SvgChart.Render(plot, 760, 70 + 34 * n, "chart-speed", "typical speed of each runtime relative to the fastest");
    }
}
