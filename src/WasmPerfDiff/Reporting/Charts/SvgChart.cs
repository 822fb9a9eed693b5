using System.Text.RegularExpressions;
using ScottPlot;

namespace WasmPerfDiff.Reporting.Charts;

/// <summary>
/// Turns a ScottPlot plot into an SVG element that can sit inline in an HTML page next to others:
/// no XML declaration, ids (ScottPlot's clip paths are numbered per plot, so two charts would clash)
/// prefixed with the chart's own id, a viewBox so the chart scales down on narrow screens, and an
/// accessible label. ScottPlot escapes the text it writes; the label is escaped here.
/// </summary>
public static partial class SvgChart
{
    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@"href=""#([^""]+)""")]
    private static partial Regex HrefReference();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex RootElement();

    public static string Render(Plot plot, int width, int height, string id, string label)
    {
        var svg = plot.GetSvgXml(width, height);
        svg = XmlDeclaration().Replace(svg, "");
        svg = IdAttribute().Replace(svg, m => $"id=\"{id}-{m.Groups[1].Value}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{id}-{m.Groups[1].Value})");
        svg = HrefReference().Replace(svg, m => $"href=\"#{id}-{m.Groups[1].Value}\"");
        var root = $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"chart\" viewBox=\"0 0 {width} {height}\" " +
                   $"width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Xml.Attr(label)}\">" +
                   $"<title>{Xml.Text(label)}</title>";
        return RootElement().Replace(svg, root, 1).Trim();
    }

    /// <summary>A plot with the report's look: sans-serif text, light grid, no figure background.</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(ChartPalette.FontFamily);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex(ChartPalette.Grid);
        plot.Axes.Color(Color.FromHex(ChartPalette.Ink));
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = 12;
            axis.Label.FontSize = 13;
            axis.Label.Bold = false;
        }
        return plot;
    }
}

/// <summary>XML escaping for text and attribute values in SVG (HTML encoding is a superset that is also valid XML).</summary>
public static class Xml
{
    public static string Text(string s) => System.Net.WebUtility.HtmlEncode(s);

    public static string Attr(string s) => System.Net.WebUtility.HtmlEncode(s);
}
