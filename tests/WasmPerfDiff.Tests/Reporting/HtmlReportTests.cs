using System.Buffers.Binary;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Reporting;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Tests.Reporting;

[Collection(ReportCampaignCollection.Name)]
public class HtmlReportTests(ReportCampaignFixture campaign)
{
    // Floor 0: the fixture's programs run for milliseconds, and the ranking should still see them.
    private ReportModel Model() => WasmPerfDiff.Workflows.ReportAssembly.Build(campaign.Db, new ReportOptions { FloorMs = 0 });

    private string WriteHtml(ReportModel model)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-html-").FullName, "report.html");
        WasmPerfDiff.Workflows.ReportAssembly.Write(model, path, null, campaign.Db);
        return path;
    }

    [Support.RequiresChromiumFact]
    public void The_page_opens_in_chromium_with_every_section_and_no_console_output()
    {
        var html = WriteHtml(Model());
        var dom = HeadlessChromium.DumpDom(html);
        foreach (var (id, _) in HtmlReportWriter.Sections)
            Assert.Contains($"<section id=\"{id}\"", dom.Stdout);
        Assert.Empty(dom.ConsoleLines);
        // The charts are inline SVG elements in the DOM, not images fetched from somewhere.
        Assert.Contains("id=\"chart-speed\"", dom.Stdout);
        Assert.Contains("id=\"chart-heatmap\"", dom.Stdout);
        Assert.Contains("id=\"chart-phases\"", dom.Stdout);
    }

    [Support.RequiresChromiumFact]
    public void The_screenshot_is_a_real_picture_of_the_page()
    {
        var html = WriteHtml(Model());
        var png = Path.ChangeExtension(html, ".png");
        HeadlessChromium.Screenshot(html, png, 1280, 2000);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(2000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        // A blank or error page compresses to a few KB; the report with its charts does not.
        Assert.True(bytes.Length > 60_000, $"screenshot is only {bytes.Length} bytes");
    }

    [Support.RequiresChromiumFact]
    public void A_case_named_like_a_script_tag_is_shown_as_text()
    {
        var model = Model();
        Assert.Contains(model.Support.Cases, c => c == ReportCampaignFixture.ScriptCase);
        var html = WriteHtml(model);
        var text = File.ReadAllText(html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", text);
        Assert.DoesNotContain("<script>alert(1)", text);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase); // the report has no script at all

        var dom = HeadlessChromium.DumpDom(html).Stdout;
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dom);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
    }

    [Support.RequiresChromiumFact]
    public void The_console_check_sees_a_page_that_throws()
    {
        // Guards the test above: if Chromium stopped logging console errors, an empty list would prove nothing.
        var dir = Directory.CreateTempSubdirectory("perfdiff-html-").FullName;
        var page = Path.Combine(dir, "bad.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><p>x</p><script>throw new Error('boom from the page')</script></body></html>");
        var result = HeadlessChromium.DumpDom(page);
        Assert.Contains(result.ConsoleLines, l => l.Contains("boom from the page", StringComparison.Ordinal));
    }

    [Fact]
    public void The_model_agrees_with_the_database()
    {
        var model = Model();
        using var store = CampaignStore.OpenExisting(campaign.Db);
        var runs = store.ReadCaseRuns();
        Assert.Equal(runs.Count, model.Counts.Runs);
        Assert.Equal(4, model.Counts.Cases);
        Assert.Equal(campaign.Runtimes.Order(StringComparer.Ordinal), model.Runtimes.Select(r => r.Name));

        // The exit-7 case fails on every runtime, and each failure stops its cell after one run.
        Assert.Equal(campaign.Runtimes.Count, model.Counts.FailedCells);
        Assert.All(model.Support.Failed, c => Assert.Equal(ReportCampaignFixture.ScriptCase, c.Case));

        // Typical speed is relative to the fastest runtime: exactly one is 1×, none is faster.
        var factors = model.Runtimes.Select(r => r.SpeedFactor!.Value).ToList();
        Assert.Single(factors, f => Math.Abs(f - 1) < 1e-12);
        Assert.All(factors, f => Assert.True(f >= 1));

        // Every successful run is in the runs shown for its case, none that failed.
        Assert.Equal(runs.Count(r => r.Result.Status == RunStatus.Ok), model.RunsByCase.Values.Sum(cells => cells.Sum(c => c.Ms.Count)));
        Assert.False(model.RunsByCase.ContainsKey(ReportCampaignFixture.ScriptCase));

        // The heatmap holds the complete cases (the failing one has no timed run anywhere).
        Assert.Equal(["busy-loop", "hello", "hello-again"], model.Heatmap!.Cases);
    }

    [Fact]
    public void Flame_graphs_named_after_a_finding_are_linked_under_it()
    {
        var plain = Model();
        // A finding of the campaign's first case on its first runtime: the link does not depend on what the analysis found.
        var finding = new Finding("busy-loop", campaign.Runtimes[0], 2.5, 2.0, 3.0, Verdict.Anomaly, FindingKind.Consensus, null, 9);
        var id = FindingAnchors.Id(finding);
        var dir = Directory.CreateTempSubdirectory("perfdiff-html-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "flame"));
        File.WriteAllText(Path.Combine(dir, "flame", id + "-diff.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(dir, "flame", "f-other-finding-00000000.svg"), "<svg/>");

        var found = FlameGraphIndex.Find([id], Path.Combine(dir, "flame"));
        Assert.Equal([Path.Combine(dir, "flame", id + "-diff.svg")], found[id]);

        var model = plain with
        {
            Analysis = plain.Analysis! with { Findings = [finding, .. plain.Analysis.Findings] },
            FlameGraphs = found,
        };
        var html = HtmlReportWriter.Render(model, dir);
        Assert.Contains($"<article class=\"finding\" id=\"{id}\"", html);
        Assert.Contains($"href=\"flame/{id}-diff.svg\"", html);
        Assert.DoesNotContain("f-other-finding", html);
    }
}

public class FlameGraphIndexTests
{
    [Fact]
    public void The_profile_index_links_each_profiled_finding_to_its_graphs_differential_first()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-flames-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "01-fib-pulley"));
        foreach (var f in new[] { "a.svg", "b.svg", "diff.svg" })
            File.WriteAllText(Path.Combine(dir, "01-fib-pulley", f), "<svg/>");
        // The shape 'profile --db FILE --findings N' writes (Profiling.FindingProfiles.IndexFile).
        File.WriteAllText(Path.Combine(dir, "findings.json"), """
            [{"case":"fib","runtime":"wasmtime-pulley","peer":"v8-liftoff","kind":"peer","factor":2.1,"verdict":"anomaly",
              "folder":"01-fib-pulley","svg":"01-fib-pulley/a.svg","peer_svg":"01-fib-pulley/b.svg","diff_svg":"01-fib-pulley/diff.svg","profile":null,"error":null},
             {"case":"gone","runtime":"wasmtime-pulley","peer":"v8-liftoff","kind":"peer","factor":2.1,"verdict":"anomaly",
              "folder":"02","svg":null,"peer_svg":null,"diff_svg":null,"profile":null,"error":"module missing"}]
            """);
        var id = FindingAnchors.Id("peer", "fib", "wasmtime-pulley");
        var found = FlameGraphIndex.Find([id, FindingAnchors.Id("peer", "gone", "wasmtime-pulley")], dir);
        Assert.Equal([id], found.Keys);
        Assert.Equal(["diff.svg", "a.svg", "b.svg"], found[id].Select(Path.GetFileName));
    }
}
