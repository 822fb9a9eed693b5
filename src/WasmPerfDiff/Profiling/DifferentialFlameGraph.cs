using System.Globalization;

namespace WasmPerfDiff.Profiling;

/// <summary>
/// Differential flame graph of profile A against profile B (after Brendan Gregg's differential
/// flame graphs): the layout and widths are A's; each frame is coloured by how its share of all
/// samples changed at the same call path,
/// <c>Δ = samples_A(path)/total_A − samples_B(path)/total_B</c>, red where A spends a larger share
/// than B, blue where a smaller one, with intensity |Δ| / max|Δ| over the graph. Normalizing by
/// the totals compares where the time goes, not how much time there is (the profiles need not
/// have the same number of samples). Frames only B has are not drawn (widths come from A).
/// </summary>
public static class DifferentialFlameGraph
{
    /// <summary>Changes below this share (0.1 percentage point) are sampling noise at the sample counts we take: painted neutral.</summary>
    public const double NeutralBelow = 0.001;

    /// <summary>Lightness of the weakest visible change, so that a small change still shows a tint.</summary>
    private const double MinTint = 0.15;

    private const string Neutral = "rgb(225,225,225)";

    public static void Write(string path, FoldedProfile a, FoldedProfile b, string nameA, string nameB, string subtitle)
    {
        var rootA = FrameTree.Build(a);
        var rootB = FrameTree.Build(b);
        var deltas = Deltas(rootA, rootB);
        var maxChange = deltas.Values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        FlameGraphSvg.Write(path, rootA, $"{nameA} vs {nameB}: red = larger share on {nameA}, blue = smaller",
            $"{subtitle}; widths from {nameA} ({FlameGraphSvg.Samples(rootA.Samples)}), {nameB}: {FlameGraphSvg.Samples(rootB.Samples)}; frames only on {nameB} are not drawn".TrimStart(';', ' '),
            node => Paint(node, deltas[node], maxChange, rootA.Samples, rootB.Samples, nameA, nameB));
    }

    /// <summary>Share change Δ of every frame of A's tree (see the class comment).</summary>
    public static Dictionary<FrameNode, double> Deltas(FrameNode rootA, FrameNode rootB)
    {
        var deltas = new Dictionary<FrameNode, double>();
        Walk(rootA, rootB);
        return deltas;

        void Walk(FrameNode nodeA, FrameNode? nodeB)
        {
            deltas[nodeA] = Share(nodeA.Samples, rootA.Samples) - Share(nodeB?.Samples ?? 0, rootB.Samples);
            foreach (var child in nodeA.Children)
                Walk(child, nodeB?.Child(child.Frame));
        }
    }

    /// <summary>The fill for a share change: neutral grey when below noise, else red (growth) or blue (shrinkage) scaled by |Δ|/max|Δ|.</summary>
    public static string Colour(double delta, double maxChange)
    {
        if (Math.Abs(delta) < NeutralBelow || maxChange <= 0)
            return Neutral;
        var intensity = MinTint + (1 - MinTint) * Math.Min(1, Math.Abs(delta) / maxChange);
        var other = 235 * (1 - intensity);
        return delta > 0 ? FlameGraphSvg.Rgb(255, other, other) : FlameGraphSvg.Rgb(other, other, 255);
    }

    private static FramePaint Paint(FrameNode node, double delta, double maxChange, long totalA, long totalB, string nameA, string nameB)
    {
        var shareA = Share(node.Samples, totalA);
        var tooltip = string.Create(CultureInfo.InvariantCulture,
            $"{node.Frame.Name} ({FlameGraphSvg.Samples(node.Samples)}, {nameA} {100 * shareA:0.00}%, {nameB} {100 * (shareA - delta):0.00}%, change {100 * delta:+0.00;-0.00;0.00} pp)");
        return new FramePaint(Colour(delta, maxChange), tooltip);
    }

    private static double Share(long samples, long total) => total > 0 ? (double)samples / total : 0;
}
