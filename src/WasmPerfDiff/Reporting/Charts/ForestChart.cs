using ScottPlot;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Reporting.Charts;

/// <summary>
/// The forest plot of a compare: one row per case (and the geometric mean at the bottom), the ratio candidate /
/// baseline as a dot with its 95 % interval as a line, on a log axis (so ×1.1 and ×0.91 look alike in size); a
/// shaded band marks ±threshold around 1, and the colour is the verdict (red slower, green faster, grey same,
/// amber unsure).
/// </summary>
public static class ForestChart
{
    private const string Slower = "#C0392B", Faster = "#2E8B57", Same = "#888888", Unsure = "#D4A017";

    public static string Svg(CompareSummary s)
    {
        var rows = s.Cases.Where(c => c.Execution is not null).Select(c => (Label: c.Case, Est: c.Execution!)).ToList();
        if (s.GeoMean is { } g) rows.Add(("geometric mean", g));
        var plot = SvgChart.NewPlot();
        var n = rows.Count;
        var up = Math.Log10(1 + s.Threshold);
        plot.Add.HorizontalSpan(-up, up, Color.FromHex("#EAEEF2"));
        var one = plot.Add.VerticalLine(0, 1, Color.FromHex(ChartPalette.Muted));
        one.LinePattern = LinePattern.Dashed;
        double lo = -up * 2, hi = up * 2;
        for (var i = 0; i < n; i++)
        {
            var (_, e) = rows[i];
            var y = n - 1 - i;
            var colour = Color.FromHex(e.Verdict switch
            {
                CompareVerdict.Slower => Slower, CompareVerdict.Faster => Faster, CompareVerdict.Same => Same, _ => Unsure,
            });
            var line = plot.Add.Line(Math.Log10(e.Low), y, Math.Log10(e.High), y);
            line.LineWidth = 2;
            line.LineColor = colour;
            line.MarkerSize = 0;
            var dot = plot.Add.Marker(Math.Log10(e.Ratio), y, i == n - 1 && s.GeoMean is not null ? MarkerShape.FilledDiamond : MarkerShape.FilledCircle, 8, colour);
            dot.MarkerLineWidth = 0;
            lo = Math.Min(lo, Math.Log10(e.Low));
            hi = Math.Max(hi, Math.Log10(e.High));
        }
        var pad = (hi - lo) * 0.05;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), rows.Select(r => r.Label).ToArray());
        var (pos, labels) = LogAxis.Ticks(Math.Pow(10, lo - pad), Math.Pow(10, hi + pad), LogAxis.Factor);
        plot.Axes.Bottom.SetTicks(pos, labels);
        plot.Axes.SetLimits(lo - pad, hi + pad, -0.7, n - 0.3);
        plot.XLabel($"{s.Candidate} / {s.Baseline}, {s.Measure} (log scale; shaded: ±threshold)");
        plot.Grid.YAxisStyle.IsVisible = false;
        return SvgChart.Render(plot, 760, 80 + 20 * Math.Max(n, 2), "chart-compare",
            $"forest plot: ratio of {s.Candidate} to {s.Baseline} per case with 95 % intervals");
    }
}
