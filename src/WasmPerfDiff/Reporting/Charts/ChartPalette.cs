using ScottPlot;

namespace WasmPerfDiff.Reporting.Charts;

/// <summary>
/// Colours of every chart. Runtimes get the Okabe–Ito palette (Okabe &amp; Ito 2008, "Color Universal
/// Design"), distinguishable with the common colour-vision deficiencies; yellow is last because it is
/// weak on white. Residuals use ColorBrewer's RdBu diverging scheme (Brewer, colorbrewer2.org, marked
/// colour-blind safe): blue = faster than predicted, white = as predicted, red = slower.
/// </summary>
public static class ChartPalette
{
    public static readonly string[] RuntimeHex =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442"];

    public static Color Runtime(int index) => Color.FromHex(RuntimeHex[index % RuntimeHex.Length]);

    /// <summary>Colour of a runtime by its place in the report's runtime order (the same colour in every chart).</summary>
    public static Color Runtime(IReadOnlyList<string> order, string name)
    {
        for (var i = 0; i < order.Count; i++)
            if (order[i] == name) return Runtime(i);
        return Color.FromHex(Muted);
    }

    /// <summary>RdBu endpoints and centre (ColorBrewer 7-class: #2166AC … #F7F7F7 … #B2182B).</summary>
    private static readonly (byte R, byte G, byte B) Faster = (0x21, 0x66, 0xAC), Neutral = (0xF7, 0xF7, 0xF7), Slower = (0xB2, 0x18, 0x2B);

    /// <summary>
    /// Log factor at which the colour saturates: ln 4, i.e. 4× slower (or faster) than predicted is full red
    /// (blue). The default anomaly threshold, 1.5×, then sits at 29 % of the scale: visibly tinted but not loud.
    /// </summary>
    public static readonly double SaturationLogFactor = Math.Log(4);

    /// <summary>Diverging colour of a log factor, linear in log factor and clamped at ±<see cref="SaturationLogFactor"/>.</summary>
    public static string DivergingHex(double logFactor)
    {
        var t = Math.Clamp(logFactor / SaturationLogFactor, -1, 1);
        var end = t < 0 ? Faster : Slower;
        var a = Math.Abs(t);
        byte Mix(byte from, byte to) => (byte)Math.Round(from + (to - from) * a);
        return $"#{Mix(Neutral.R, end.R):X2}{Mix(Neutral.G, end.G):X2}{Mix(Neutral.B, end.B):X2}";
    }

    /// <summary>Text colour readable on <see cref="DivergingHex"/> of the same factor.</summary>
    public static string TextOnDiverging(double logFactor) =>
        Math.Abs(logFactor) / SaturationLogFactor > 0.55 ? "#FFFFFF" : "#222222";

    public const string Ink = "#222222";
    public const string Grid = "#E5E5E5";
    public const string Muted = "#777777";
    /// <summary>Fill of a heatmap cell with no value (did not run).</summary>
    public const string Missing = "#EEEEEE";
    public const string FontFamily = "DejaVu Sans";
}
