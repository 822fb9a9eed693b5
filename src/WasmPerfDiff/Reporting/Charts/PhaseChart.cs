using ScottPlot;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Reporting.Charts;

/// <summary>
/// Stacked horizontal bars per runtime: typical startup, compile, instantiate, execute and teardown (ms).
/// Phases a runtime does not report are left out of its bar; the rest of its wall time is "other".
/// </summary>
public static class PhaseChart
{
    /// <summary>Phase colours: grey-blue shades for the overhead phases, the strong blue for execution.</summary>
    public static readonly (string Name, string Hex)[] Legend =
    [
        ("startup", "#999999"), ("compile", "#E69F00"), ("instantiate", "#CC79A7"), ("execute", "#0072B2"), ("teardown", "#56B4E9"), ("other", "#DDDDDD"),
    ];

    public static string Svg(IReadOnlyList<PhaseBreakdown> phases)
    {
        var plot = SvgChart.NewPlot();
        var n = phases.Count;
        var max = 1.0;
        for (var i = 0; i < n; i++)
        {
            var p = phases[i];
            var y = n - 1 - i;
            double[] parts = [p.StartupMs ?? 0, p.CompileMs ?? 0, p.InstantiateMs ?? 0, p.ExecuteMs ?? 0, p.TeardownMs ?? 0];
            var other = Math.Max(0, p.WallMs - parts.Sum());
            var start = 0.0;
            foreach (var (value, k) in parts.Append(other).Select((v, k) => (v, k)))
            {
                if (value <= 0) continue;
                plot.Add.Bar(new Bar
                {
                    Position = y, ValueBase = start, Value = start + value, FillColor = Color.FromHex(Legend[k].Hex),
                    LineWidth = 0, Size = 0.7, Orientation = Orientation.Horizontal,
                });
                start += value;
            }
            max = Math.Max(max, start);
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), phases.Select(p => p.Runtime).ToArray());
        plot.Axes.SetLimits(0, max * 1.05, -0.6, n - 0.4);
        plot.XLabel("typical time per run (ms): median over cases of each cell's median");
        plot.Grid.YAxisStyle.IsVisible = false;
        return SvgChart.Render(plot, 760, 70 + 34 * n, "chart-phases", "phase breakdown per runtime");
    }
}
