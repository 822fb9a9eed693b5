using WasmPerfDiff.Analysis;
using WasmPerfDiff.Reporting.Charts;

namespace WasmPerfDiff.Tests.Reporting;

/// <summary>The construct heatmap escapes the names it draws and shows a missing cell as missing.</summary>
public class ConstructHeatmapTests
{
    [Fact]
    public void Names_are_escaped_and_a_missing_cell_is_a_grey_dash()
    {
        var hostile = "<img src=x onerror=alert(1)>";
        var map = new ConsensusSummary(["call-indirect-mono", "a&b\"c"], [hostile, "wasm3"], [1.0, 1.0],
            [[Math.Log(2.5), double.NaN], [0.0, Math.Log(0.5)]], new HashSet<string>());
        var svg = HeatmapChart.Svg(map, "chart-constructs", "construct <heatmap>");
        Assert.DoesNotContain("<img", svg);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", svg);
        Assert.DoesNotContain("a&b\"c", svg);
        Assert.Contains("id=\"chart-constructs\"", svg);
        Assert.Contains("construct &lt;heatmap&gt;", svg);
        Assert.True(svg.Contains("&#8211;") || svg.Contains("–"), "no dash in the missing cell");
        Assert.Contains("#EEE", svg, StringComparison.OrdinalIgnoreCase);
    }
}
