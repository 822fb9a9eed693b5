using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Tests.Profiling;

public partial class FlameGraphSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static StackFrame H(string name) => new(name, FrameKind.Host);
    private static StackFrame G(string name) => new(name, FrameKind.Guest);

    [Fact]
    public void Hostile_names_are_escaped_and_every_frame_has_a_title_with_samples_and_share()
    {
        var profile = new FoldedProfile();
        profile.Add([H("std::vector<int>::push_back(int&&) \"quoted\" & 'single'"), G("f<T>\u0001bell")], 30);
        profile.Add([H("std::vector<int>::push_back(int&&) \"quoted\" & 'single'"), G("]]>")], 10);
        using var dir = ProfilingFixtures.NewTempDir();

        var written = ProfileFiles.WriteRuntime(dir, "v8-turbofan", profile, "case <x> & y");

        var svg = XDocument.Load(written.SvgPath);
        var titles = svg.Descendants(Svg + "title").Select(t => t.Value).ToList();
        Assert.Contains("]]> (10 samples, 25.00%)", titles);
        Assert.Contains(titles, t => t.StartsWith("std::vector<int>::push_back(int&&) \"quoted\" & 'single' (40 samples, 100.00%)", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("all (40 samples", StringComparison.Ordinal));
        Assert.Equal(4, svg.Descendants(Svg + "g").Count());
        Assert.True(File.Exists(written.FoldedPath));
    }

    [Fact]
    public void Frame_widths_are_proportional_to_samples()
    {
        var profile = new FoldedProfile();
        profile.Add([G("main"), G("big")], 75);
        profile.Add([G("main"), G("small")], 25);
        using var dir = ProfilingFixtures.NewTempDir();

        var svg = XDocument.Load(ProfileFiles.WriteRuntime(dir, "r", profile, "").SvgPath);

        double Width(string name) => double.Parse(
            svg.Descendants(Svg + "g").Single(g => g.Element(Svg + "title")!.Value.StartsWith(name + " ", StringComparison.Ordinal))
               .Element(Svg + "rect")!.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        Assert.Equal(3.0, Width("big") / Width("small"), 2);
        Assert.Equal(Width("main"), Width("big") + Width("small"), 1);
    }

    [Fact]
    public void Differential_graph_height_follows_the_deepest_stack_it_draws()
    {
        // A: 100,000 samples three frames deep, plus one sample 120 frames deep (far under a pixel: not drawn).
        static FoldedProfile Profile(int deepFrames, long deepSamples)
        {
            var p = new FoldedProfile();
            p.Add([G("main"), G("loop"), G("body")], 100_000);
            if (deepSamples > 0) p.Add([G("main"), .. Enumerable.Range(0, deepFrames).Select(i => G($"rec{i}"))], deepSamples);
            return p;
        }
        using var dir = ProfilingFixtures.NewTempDir();
        double Height(FoldedProfile a) =>
            double.Parse(XDocument.Load(ProfileFiles.WriteDifferential(dir, "A", a, "B", Profile(0, 0), "test"))
                .Root!.Attribute("height")!.Value, CultureInfo.InvariantCulture);

        var shallow = Height(Profile(0, 0));
        Assert.Equal(shallow, Height(Profile(120, 1)));                // the rare deep stack does not stretch it
        Assert.Equal(shallow + 118 * 16, Height(Profile(120, 50_000))); // a drawn one does: 121 frames deep, not 3
        Assert.True(shallow < 200, $"a graph four frames deep is {shallow} px tall");
    }

    [Fact]
    public void Differential_graph_paints_growth_red_and_shrinkage_blue()
    {
        // A (the slow runtime) spends 60 % in grew and 20 % in shrank; B spends 20 % and 60 %.
        var a = new FoldedProfile();
        a.Add([G("main"), G("grew")], 60);
        a.Add([G("main"), G("shrank")], 20);
        a.Add([G("main"), G("same")], 20);
        var b = new FoldedProfile();
        b.Add([G("main"), G("grew")], 40);
        b.Add([G("main"), G("shrank")], 120);
        b.Add([G("main"), G("same")], 40);
        using var dir = ProfilingFixtures.NewTempDir();

        var path = ProfileFiles.WriteDifferential(dir, "A", a, "B", b, "test");

        var svg = XDocument.Load(path);
        var fills = svg.Descendants(Svg + "g").ToDictionary(
            g => g.Element(Svg + "title")!.Value.Split(' ')[0],
            g => Rgb(g.Element(Svg + "rect")!.Attribute("fill")!.Value));
        Assert.True(fills["grew"].R > fills["grew"].B + 100, $"grew should be red, is {fills["grew"]}");
        Assert.True(fills["shrank"].B > fills["shrank"].R + 100, $"shrank should be blue, is {fills["shrank"]}");
        Assert.Equal(fills["same"].R, fills["same"].B);
        Assert.Equal(Path.Combine(dir, "A-vs-B.diff.svg"), path);
    }

    [Fact]
    public void Differential_deltas_compare_shares_not_sample_counts()
    {
        var a = new FoldedProfile();
        a.Add([G("f")], 10);
        a.Add([G("g")], 10);
        var b = new FoldedProfile();
        b.Add([G("f")], 1000);
        b.Add([G("g")], 3000);

        var rootA = FrameTree.Build(a);
        var deltas = DifferentialFlameGraph.Deltas(rootA, FrameTree.Build(b));

        Assert.Equal(0.25, deltas[rootA.Child(G("f"))!], 10);
        Assert.Equal(-0.25, deltas[rootA.Child(G("g"))!], 10);
        Assert.Equal(0, deltas[rootA], 10);
    }

    [GeneratedRegex(@"^rgb\((\d+),(\d+),(\d+)\)$")]
    private static partial Regex RgbPattern();

    private static (int R, int G, int B) Rgb(string fill)
    {
        var m = RgbPattern().Match(fill);
        Assert.True(m.Success, fill);
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
    }
}
