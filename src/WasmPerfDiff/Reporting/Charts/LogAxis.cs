using System.Globalization;

namespace WasmPerfDiff.Reporting.Charts;

/// <summary>
/// Ticks of a log10 axis at 1-2-5 steps (values 1, 2, 5, 10, 20, 50, …): readable round numbers that are
/// close to evenly spaced on a log scale. Data is plotted as log10(value); labels show the value.
/// </summary>
public static class LogAxis
{
    private static readonly double[] Steps = [1, 2, 5];

    /// <summary>
    /// Most ticks before thinning to decades only: beyond this many, labels would crowd a laptop-width chart.
    /// </summary>
    private const int MaxTicks = 9;

    public static (double[] Positions, string[] Labels) Ticks(double min, double max, Func<double, string> label)
    {
        if (!(min > 0) || !(max >= min)) return ([], []);
        var values = new List<double>();
        for (var exp = (int)Math.Floor(Math.Log10(min)) - 1; exp <= (int)Math.Ceiling(Math.Log10(max)) + 1; exp++)
            foreach (var s in Steps)
            {
                var v = s * Math.Pow(10, exp);
                if (v >= min / 1.0001 && v <= max * 1.0001) values.Add(v);
            }
        if (values.Count > MaxTicks) values = values.Where(v => Math.Abs(Math.Log10(v) - Math.Round(Math.Log10(v))) < 1e-9).ToList();
        if (values.Count < 2)
            values = [min, max];
        return (values.Select(v => Math.Log10(v)).ToArray(), values.Select(label).ToArray());
    }

    /// <summary>Milliseconds as a short duration label: 0.5 ms, 20 ms, 1.5 s.</summary>
    public static string Duration(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " s"
        : ms.ToString(ms < 1 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A factor as "2×", "1.5×".</summary>
    public static string Factor(double f) => f.ToString(f < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + "×";
}
