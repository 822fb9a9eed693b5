using System.Text.Json;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Profiling;
using WasmPerfDiff.Reporting;
using WasmPerfDiff.Store;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Tests.Exporters;

/// <summary>
/// The field names of each printed JSON document, in order, pinned one test per document: the lists below are the ones
/// docs/json.md documents, so a field added to a library type cannot reach the public JSON unnoticed. A field path is
/// written <c>parent.child</c>, with <c>[]</c> for the elements of an array. The documents are filled from the golden
/// databases (tests/WasmPerfDiff.Tests/Fixtures/golden) or, where no database holds the data, from a sample with every
/// optional part present.
/// </summary>
public sealed class DocumentFieldTests
{
    private static string GoldenCopy(string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-fields-").FullName, name);
        File.Copy(Path.Combine(TestPaths.Fixtures, "golden", name), path);
        return path;
    }

    /// <summary>Every field path of a serialized document, in document order, each once.</summary>
    private static List<string> Fields(object document)
    {
        var paths = new List<string>();
        void Walk(JsonElement e, string prefix)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject())
                {
                    var path = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
                    if (!paths.Contains(path)) paths.Add(path);
                    Walk(p.Value, path);
                }
            else if (e.ValueKind == JsonValueKind.Array)
                foreach (var item in e.EnumerateArray()) Walk(item, prefix + "[]");
        }
        Walk(JsonDocument.Parse(JsonSerializer.Serialize(document, document.GetType(), WireJson.Document)).RootElement, "");
        return paths;
    }

    private static void Pinned(IReadOnlyList<string> expected, object document)
    {
        var actual = Fields(document);
        Assert.True(expected.SequenceEqual(actual), "fields now: " + string.Join(", ", actual.Select(a => $"\"{a}\"")));
    }

    private static Finding SampleFinding() =>
        new("case", "rt", 2, 1.5, 2.5, Verdict.Anomaly, FindingKind.Peer, "peer", 1, "detail", PhaseMethod.Markers, ExcessClass.Fixed, "why")
        {
            Explanations = [new ConstructExplanation("loop", "control", 2, 1.5, 3, 0.4, 0.8, "text") { Peer = "peer", Basis = FingerprintBasis.Peer }],
        };

    private static AnalysisResult SampleAnalysis() =>
        new(AnalysisMethod.Robust, AnalysisPhase.Execution, 1, ["rt"], 0, 0, 0, false, 1.5, 2, [SampleFinding()],
            [new RankingRow("case", 1, new Dictionary<string, double>())], new Dictionary<string, double>(),
            [new CellPhaseMethod("case", "rt", PhaseMethod.Markers, 3, 1)])
        {
            Fingerprint = new ConstructFingerprint(["loop"], ["rt"], [new FingerprintCell("loop", "control", "rt", 1, 2, 1.5, 3, 5) { Basis = FingerprintBasis.Peer, Peer = "peer", Peers = 1 }]),
        };

    private static ProfileResult SampleProfile()
    {
        var side = new RuntimeProfile("rt", 100, 0, false, 0.9, [new FunctionShare("f", 10, 0.1, 1)], new Dictionary<string, long>(), "a.folded", "a.svg");
        return new ProfileResult("m.wasm", ["1"], side, side with { Runtime = "peer" }, "diff.svg", [new ShareChange("f", 0.2, 0.1, 0.1, 2, 1)]);
    }

    [Fact]
    public void Analyze_document()
    {
        Pinned(
            ["method", "phase", "cases", "runtimes", "dropped_cases", "excluded_cases", "below_floor_cases", "means_only", "threshold", "floor_ms",
             "findings", "findings[].case", "findings[].runtime", "findings[].factor", "findings[].ci_low", "findings[].ci_high", "findings[].verdict",
             "findings[].kind", "findings[].peer", "findings[].score", "findings[].detail", "findings[].method", "findings[].excess",
             "findings[].excess_detail", "findings[].excess_share_low", "findings[].excess_share_high", "findings[].spread_ratio",
             "findings[].host_layer", "findings[].host_detail", "findings[].explanations", "findings[].explanations[].construct", "findings[].explanations[].opcode_class",
             "findings[].explanations[].relative", "findings[].explanations[].ci_low", "findings[].explanations[].ci_high",
             "findings[].explanations[].share", "findings[].explanations[].score", "findings[].explanations[].text",
             "findings[].explanations[].weighting", "findings[].explanations[].basis", "findings[].explanations[].peer", "ranking", "ranking[].case",
             "ranking[].distance", "ranking[].deviation", "centre", "cells", "cells[].case", "cells[].runtime", "cells[].method", "cells[].median_ms",
             "cells[].floor_ms", "fingerprint", "fingerprint.constructs", "fingerprint.runtimes", "fingerprint.cells", "fingerprint.cells[].construct",
             "fingerprint.cells[].opcode_class", "fingerprint.cells[].runtime", "fingerprint.cells[].cost", "fingerprint.cells[].relative",
             "fingerprint.cells[].ci_low", "fingerprint.cells[].ci_high", "fingerprint.cells[].runs", "fingerprint.cells[].missing",
             "fingerprint.cells[].basis", "fingerprint.cells[].peer", "fingerprint.cells[].peers", "fingerprint.cells[].against"],
            AnalysisDocument.From(SampleAnalysis()));
    }

    [Fact]
    public void Report_document()
    {
        var db = GoldenCopy("campaign.db");
        var model = ReportAssembly.Build(db, new ReportOptions());
        Pinned(
            ["html", "markdown", "db", "campaign", "counts", "counts.cases", "counts.runtimes", "counts.runs", "counts.anomalies",
             "counts.startup_anomalies", "counts.divergences", "counts.failed_cells", "runtimes", "runtimes[].name", "runtimes[].engine",
             "runtimes[].tier", "runtimes[].version", "runtimes[].speed_factor", "runtimes[].cells", "runtimes[].ok_cells", "runtimes[].runs",
             "findings", "findings[].id", "findings[].case", "findings[].runtime", "findings[].factor", "findings[].ci_low", "findings[].ci_high",
             "findings[].verdict", "findings[].kind", "findings[].peer", "startup_findings", "startup_findings[].id", "startup_findings[].case",
             "startup_findings[].runtime", "startup_findings[].factor", "startup_findings[].ci_low", "startup_findings[].ci_high",
             "startup_findings[].verdict", "divergences", "failed_cells", "note"],
            ReportDocument.From(model, new ReportFiles("r.html", "r.md", db)));
    }

    [Fact]
    public void Demo_document_names_the_cases_its_budget_dropped()
    {
        var db = GoldenCopy("campaign.db");
        var model = ReportAssembly.Build(db, new ReportOptions());
        var campaign = new DemoCampaignSection("c1", "completed", 54, 12, 1200, "demo", 600, 540, 580, 27, ["large-table", "gemm"]);
        var document = ReportDocument.From(model, new ReportFiles("r.html", "r.md", db), campaign);
        var fields = Fields(document).Where(f => f.StartsWith("campaign.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["campaign.id", "campaign.end", "campaign.cases", "campaign.runtimes", "campaign.runs", "campaign.size", "campaign.budget_s",
             "campaign.campaign_s", "campaign.elapsed_s", "campaign.seed", "campaign.dropped_cases"], fields);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(document, WireJson.Document));
        Assert.Equal(["large-table", "gemm"], json.RootElement.GetProperty("campaign").GetProperty("dropped_cases").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Export_json_document()
    {
        using var store = CampaignStore.OpenReadOnly(GoldenCopy("campaign.db"));
        Pinned(
            ["campaigns", "campaigns[].id", "campaigns[].origin", "campaigns[].created", "campaigns[].settings", "campaigns[].settings.warmup",
             "campaigns[].settings.min_runs", "campaigns[].settings.max_runs", "campaigns[].settings.target_relative_ci",
             "campaigns[].settings.max_time", "campaigns[].settings.timeout", "campaigns[].settings.seed", "campaigns[].settings.corpus",
             "campaigns[].settings.cases_glob", "campaigns[].settings.runtimes", "campaigns[].settings.config", "campaigns[].settings.size",
             "campaigns[].settings.shard", "campaigns[].settings.baseline_subtraction", "campaigns[].settings.compare",
             "campaigns[].settings.means_only", "campaigns[].seed", "campaigns[].host", "campaigns[].host.cpu_model", "campaigns[].host.cores",
             "campaigns[].host.kernel", "campaigns[].host.os", "campaigns[].host.tool_version", "campaigns[].means_only", "runs", "runs[].campaign",
             "runs[].case", "runs[].runtime", "runs[].round", "runs[].started", "runs[].status", "runs[].exit_code", "runs[].signal", "runs[].wall_ms",
             "runs[].user_ms", "runs[].sys_ms", "runs[].max_rss_kb", "runs[].stdout_bytes", "runs[].stdout_sha256", "runs[].stderr_bytes",
             "runs[].stderr_sha256", "runs[].startup_ms", "runs[].compile_ms", "runs[].instantiate_ms", "runs[].execute_ms", "runs[].teardown_ms",
             "runs[].aot_compile_ms", "runs[].message"],
            ExportJsonDocument.From(store.Campaigns(), store.ReadRows()));
    }

    [Fact]
    public void Compare_document()
    {
        var db = GoldenCopy("compare.db");
        Pinned(
            ["db", "baseline", "candidate", "metric", "threshold_percent", "any_slower", "verdicts", "verdicts.faster", "verdicts.slower",
             "verdicts.same", "verdicts.unsure", "geo_mean", "geo_mean.ratio", "geo_mean.ci_low", "geo_mean.ci_high", "geo_mean.verdict",
             "load_geo_mean", "load_geo_mean.ratio", "load_geo_mean.ci_low", "load_geo_mean.ci_high", "load_geo_mean.verdict", "cases", "cases[].case",
             "cases[].verdict", "cases[].baseline_runs", "cases[].candidate_runs", "cases[].baseline_ms", "cases[].candidate_ms", "cases[].execution",
             "cases[].execution.ratio", "cases[].execution.ci_low", "cases[].execution.ci_high", "cases[].execution.verdict", "cases[].load",
             "cases[].load.ratio", "cases[].load.ci_low", "cases[].load.ci_high", "cases[].load.verdict", "cases[].note"],
            CompareDocument.From(db, CompareWorkflow.Read(db)!));
    }

    [Fact]
    public void Build_document()
    {
        var report = new BuildReport("O2", "clang", "clang version 19", "out", [new CaseBuildResult("fib", "fib.wasm", "fib", false, 1.5, null)]);
        Pinned(
            ["opt", "compiler", "compiler_version", "out_dir", "cases", "cases[].name", "cases[].wasm", "cases[].native", "cases[].cached",
             "cases[].seconds", "cases[].error", "cases[].ok", "built", "from_cache", "failed"],
            BuildDocument.From(report));
    }

    [Fact]
    public void Profile_document()
    {
        Pinned(
            ["wasm", "args", "a", "a.runtime", "a.samples", "a.exit_code", "a.timed_out", "a.guest_share", "a.top_guest_functions",
             "a.top_guest_functions[].function", "a.top_guest_functions[].self_samples", "a.top_guest_functions[].self_share",
             "a.top_guest_functions[].self_ms", "a.guest_tier_samples", "a.folded_path", "a.svg_path", "a.caveat", "b", "b.runtime", "b.samples", "b.exit_code",
             "b.timed_out", "b.guest_share", "b.top_guest_functions", "b.top_guest_functions[].function", "b.top_guest_functions[].self_samples",
             "b.top_guest_functions[].self_share", "b.top_guest_functions[].self_ms", "b.guest_tier_samples", "b.folded_path", "b.svg_path", "b.caveat",
             "differential_svg_path", "growth_from_b_to_a", "growth_from_b_to_a[].function", "growth_from_b_to_a[].share_a",
             "growth_from_b_to_a[].share_b", "growth_from_b_to_a[].change", "growth_from_b_to_a[].ms_a", "growth_from_b_to_a[].ms_b"],
            ProfileDocument.From(SampleProfile()));
    }

    [Fact]
    public void Profile_findings_document()
    {
        var entry = new FindingProfile("case", "rt", "peer", FindingKind.Peer, 2, Verdict.Anomaly, "01-case-rt", "a.svg", "b.svg", "d.svg", SampleProfile(), null);
        Pinned(
            ["index", "findings", "findings[].case", "findings[].runtime", "findings[].peer", "findings[].kind", "findings[].factor",
             "findings[].verdict", "findings[].folder", "findings[].svg", "findings[].peer_svg", "findings[].diff_svg", "findings[].profile",
             "findings[].profile.wasm", "findings[].profile.args", "findings[].profile.a", "findings[].profile.a.runtime",
             "findings[].profile.a.samples", "findings[].profile.a.exit_code", "findings[].profile.a.timed_out", "findings[].profile.a.guest_share",
             "findings[].profile.a.top_guest_functions", "findings[].profile.a.top_guest_functions[].function",
             "findings[].profile.a.top_guest_functions[].self_samples", "findings[].profile.a.top_guest_functions[].self_share",
             "findings[].profile.a.top_guest_functions[].self_ms", "findings[].profile.a.guest_tier_samples", "findings[].profile.a.folded_path",
             "findings[].profile.a.svg_path", "findings[].profile.a.caveat", "findings[].profile.b", "findings[].profile.b.runtime", "findings[].profile.b.samples",
             "findings[].profile.b.exit_code", "findings[].profile.b.timed_out", "findings[].profile.b.guest_share",
             "findings[].profile.b.top_guest_functions", "findings[].profile.b.top_guest_functions[].function",
             "findings[].profile.b.top_guest_functions[].self_samples", "findings[].profile.b.top_guest_functions[].self_share",
             "findings[].profile.b.top_guest_functions[].self_ms", "findings[].profile.b.guest_tier_samples", "findings[].profile.b.folded_path",
             "findings[].profile.b.svg_path", "findings[].profile.b.caveat", "findings[].profile.differential_svg_path", "findings[].profile.growth_from_b_to_a",
             "findings[].profile.growth_from_b_to_a[].function", "findings[].profile.growth_from_b_to_a[].share_a",
             "findings[].profile.growth_from_b_to_a[].share_b", "findings[].profile.growth_from_b_to_a[].change",
             "findings[].profile.growth_from_b_to_a[].ms_a", "findings[].profile.growth_from_b_to_a[].ms_b", "findings[].error", "findings[].skipped"],
            FindingProfilesDocument.From("findings.json", [entry]));
    }

    [Fact]
    public void Reduce_document()
    {
        var cell = new FingerprintCell("popcnt", "i64.popcnt", "slow-popcnt", 1.0, 2.5, 2.1, 2.9, 12) { Basis = FingerprintBasis.Peer, Peer = "wasm3", Peers = 1 };
        var summary = Tests.Reduction.ReductionSamples.Summary("small") with
        {
            FingerprintCell = cell, BuildCommand = "clang …", Finding = "peer finding", FlameGraph = "flame-diff.svg", FlameGraphNote = "wasm3's profile: an interpreter",
        };
        Pinned(
            ["reductions", "reductions[].name", "reductions[].level", "reductions[].metric", "reductions[].out", "reductions[].target", "reductions[].peers",
             "reductions[].end", "reductions[].elapsed_s", "reductions[].tried", "reductions[].kept", "reductions[].before", "reductions[].before.bytes",
             "reductions[].before.lines", "reductions[].after", "reductions[].after.bytes", "reductions[].after.lines", "reductions[].required_factor",
             "reductions[].original", "reductions[].original.interesting", "reductions[].original.verdict", "reductions[].original.factor",
             "reductions[].original.ci_low", "reductions[].original.ci_high", "reductions[].original.peer", "reductions[].original.args",
             "reductions[].original.sides", "reductions[].original.sides[].runtime", "reductions[].original.sides[].runs",
             "reductions[].original.sides[].median_ms", "reductions[].original.sides[].method", "reductions[].reduced", "reductions[].reduced.interesting",
             "reductions[].reduced.verdict", "reductions[].reduced.factor", "reductions[].reduced.ci_low", "reductions[].reduced.ci_high",
             "reductions[].reduced.peer", "reductions[].reduced.args", "reductions[].reduced.sides", "reductions[].reduced.sides[].runtime",
             "reductions[].reduced.sides[].runs", "reductions[].reduced.sides[].median_ms", "reductions[].reduced.sides[].method", "reductions[].construct",
             "reductions[].fingerprint_cell", "reductions[].fingerprint_cell.runtime", "reductions[].fingerprint_cell.construct",
             "reductions[].fingerprint_cell.opcode_class", "reductions[].fingerprint_cell.relative", "reductions[].fingerprint_cell.ci_low",
             "reductions[].fingerprint_cell.ci_high", "reductions[].fingerprint_cell.runs", "reductions[].fingerprint_cell.against",
             "reductions[].program_file", "reductions[].module_file", "reductions[].text_file", "reductions[].build_command", "reductions[].flame_graph",
             "reductions[].flame_graph_note", "reductions[].runtimes",
             "reductions[].runtimes[].name", "reductions[].runtimes[].engine", "reductions[].runtimes[].tier", "reductions[].runtimes[].version",
             "reductions[].runtimes[].template", "reductions[].runtimes[].command", "reductions[].runtimes[].note", "reductions[].finding",
             "groups", "groups[].runtime", "groups[].construct", "groups[].cases", "groups[].duplicates"],
            new ReduceResultDocument([ReduceDocument.From(summary)], [new ReduceResultDocument.Group("slow-popcnt", "i64.popcnt", ["small"], false)]));
    }
}
