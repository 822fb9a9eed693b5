using WasmPerfDiff.Analysis;
using ScottPlot;

namespace WasmPerfDiff.Reporting.Charts;

/// <summary>
/// Strip plot of one case: every successful run of every runtime as a dot on a log time axis, one row
/// per runtime, with a bar at each row's median. The runtime of the finding is drawn in full colour,
/// the others lighter, so the eye goes to the cell in question and its spread next to everyone else's.
/// </summary>
public static class RunsChart
{
    /// <summary>Vertical spread of the dots of one row (in row units): enough to separate repeated values.</summary>
    private const double Jitter = 0.26;

    public static string Svg(string chartId, string @case, IReadOnlyList<CellRuns> cells, string? highlight, IReadOnlyList<string> colourOrder)
    {
        var plot = SvgChart.NewPlot();
        var n = cells.Count;
        var all = cells.SelectMany(c => c.Ms).Where(v => v > 0).ToList();
        for (var i = 0; i < n; i++)
        {
            var cell = cells[i];
            var y = n - 1 - i;
            var values = cell.Ms.Where(v => v > 0).ToArray();
            if (values.Length == 0) continue;
            var colour = ChartPalette.Runtime(colourOrder, cell.Runtime);
            var faded = highlight != null && cell.Runtime != highlight;
            var xs = values.Select(v => Math.Log10(v)).ToArray();
            // Deterministic jitter: evenly spread offsets, so the same data always gives the same picture.
            var ys = values.Select((_, k) => y + (values.Length == 1 ? 0 : Jitter * (2.0 * k / (values.Length - 1) - 1))).ToArray();
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, faded ? 6 : 8, faded ? colour.WithAlpha(0.45) : colour);
            markers.MarkerStyle.LineWidth = 0;
            var median = RobustStats.Median(values.ToArray());
            var line = plot.Add.Line(Math.Log10(median), y - 0.36, Math.Log10(median), y + 0.36);
            line.LineColor = Color.FromHex(ChartPalette.Ink);
            line.LineWidth = faded ? 1.5f : 2.5f;
        }
        var labels = cells.Select(c => c.Runtime == highlight ? "▶ " + c.Runtime : c.Runtime).ToArray();
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), labels);
        if (all.Count > 0)
        {
            double lo = all.Min(), hi = all.Max();
            var (pos, tickLabels) = LogAxis.Ticks(lo / 1.15, hi * 1.15, LogAxis.Duration);
            plot.Axes.Bottom.SetTicks(pos, tickLabels);
            var pad = Math.Max(0.05, (Math.Log10(hi) - Math.Log10(lo)) * 0.06);
            plot.Axes.SetLimits(Math.Log10(lo) - pad, Math.Log10(hi) + pad, -0.6, n - 0.4);
        }
        plot.XLabel("execution time per run (log scale; bar = median)");
        plot.Grid.YAxisStyle.IsVisible = false;
        return SvgChart.Render(plot, 760, 70 + 30 * n, chartId, $"runs of every runtime on {@case}");
    }
}
