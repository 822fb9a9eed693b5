using System.Text.Json;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Profiling;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Support;
using WasmPerfDiff.Host;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Tests.Profiling;

public class FindingProfilesTests
{
    private static readonly string[] Runtimes = ["wasmtime-cranelift", "v8-turbofan", "v8-liftoff"];

    /// <summary>
    /// Six cases of which case3 is 6× slower than expected on v8-liftoff; the other cells follow a clean
    /// case × runtime product with small deterministic jitter, three rounds each.
    /// </summary>
    private static List<CaseRun> Campaign(IReadOnlyList<string>? names = null)
    {
        var runs = new List<CaseRun>();
        double[] caseMs = [200, 300, 450, 600, 800, 1000];
        double[] runtimeFactor = [1.0, 0.9, 2.0];
        for (var c = 0; c < caseMs.Length; c++)
            for (var r = 0; r < Runtimes.Length; r++)
                for (var round = 0; round < 3; round++)
                {
                    var ms = caseMs[c] * runtimeFactor[r] * (1 + 0.01 * ((c + 2 * r + 3 * round) % 3)) * (c == 2 && r == 2 ? 6 : 1);
                    runs.Add(new CaseRun(names?[c] ?? $"case{c + 1}", round, Run(Runtimes[r], ms)));
                }
        return runs;
    }

    private static RunResult Run(string runtime, double ms) =>
        new(runtime, RunStatus.Ok, 0, null, ms + 20, ms, 1, 10_000, 20, "same", 0, "e3b0", new Phases(ExecuteMs: ms), DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_planted_anomaly_is_chosen_against_a_fast_peer()
    {
        var runs = Campaign();
        var analysis = DifferentialAnalysis.Analyze(runs, new AnalysisOptions());

        var targets = FindingProfiles.Select(analysis, runs, 1, _ => true);

        var target = Assert.Single(targets);
        Assert.Equal(("case3", "v8-liftoff"), (target.Finding.Case, target.Finding.Runtime));
        Assert.NotEqual("v8-liftoff", target.Peer);
    }

    [Fact]
    public void Without_a_named_peer_the_fastest_usable_runtime_on_the_case_is_the_peer()
    {
        var runs = Campaign();
        var finding = new Finding("case3", "v8-liftoff", 6, null, null, Verdict.Anomaly, FindingKind.Consensus, null, 1);
        Assert.Equal("v8-turbofan", FindingProfiles.BestPeer(finding, runs, _ => true));
        Assert.Equal("wasmtime-cranelift", FindingProfiles.BestPeer(finding, runs, r => r != "v8-turbofan"));
    }

    [Fact]
    public void A_finding_of_an_interpreter_against_an_interpreter_is_listed_as_skipped_and_does_not_count()
    {
        var runs = Campaign();
        var analysis = DifferentialAnalysis.Analyze(runs, new AnalysisOptions());

        var targets = FindingProfiles.Select(analysis, runs, 1, _ => true, interprets: _ => true);
        var skipped = Assert.Single(targets);
        Assert.Equal(("case3", "v8-liftoff", FindingProfiles.BothInterpreters), (skipped.Finding.Case, skipped.Finding.Runtime, skipped.Skip));

        // Against a compiling peer the interpreter's finding is profiled.
        var profiled = Assert.Single(FindingProfiles.Select(analysis, runs, 1, _ => true, interprets: r => r == "v8-liftoff"));
        Assert.Null(profiled.Skip);
    }

    [Fact]
    public void The_catalog_knows_its_interpreters_by_engine_and_tier()
    {
        var catalog = RuntimeCatalog.Load(null);
        bool Interprets(string name) => Interpreters.Interprets(catalog.All.Single(r => r.Name == name));
        Assert.True(Interprets("wasmtime-pulley"));
        Assert.True(Interprets("wasm3"));
        Assert.True(Interprets("wasm3-compile"));
        Assert.True(Interprets("iwasm-classic"));
        Assert.True(Interprets("wasmedge"));
        Assert.False(Interprets("wasmtime-cranelift"));
        Assert.False(Interprets("v8-liftoff"));
        Assert.False(Interprets("iwasm-fast-jit"));
    }

    [Fact]
    public void A_profile_too_thin_to_read_says_why()
    {
        Assert.StartsWith("31 samples: too few to mean anything", ProfileCaveats.Of(31, 0, interpreter: true));
        Assert.StartsWith("an interpreter", ProfileCaveats.Of(3000, 0, interpreter: true));
        Assert.StartsWith("12 of 3000 samples in guest code", ProfileCaveats.Of(3000, 0.004, interpreter: false));
        Assert.Null(ProfileCaveats.Of(3000, 0.9, interpreter: false));
    }

    [Support.RequiresPerfFact]
    public void A_short_run_is_profiled_with_a_caution_in_text_and_json()
    {
        using var dir = ProfilingFixtures.NewTempDir();
        string[] profile = ["profile", "--wasm", ProfilingFixtures.HotWasm, "-r", "wasmtime-cranelift", "--out", dir, "--frequency", "99"];
        var json = CliProcess.Run([.. profile, "--json", "--", "1000"]);
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var a = doc.RootElement.GetProperty("a");
        Assert.True(a.GetProperty("samples").GetInt64() < ProfileCaveats.MinSamples);
        Assert.Contains("too few to mean anything", a.GetProperty("caveat").GetString());

        var text = CliProcess.Run([.. profile, "--", "1000"]);
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("caution: ", text.Stdout);
        Assert.Contains("too few to mean anything", text.Stdout);
    }

    [Support.RequiresPerfFact]
    public void Profile_db_findings_writes_graphs_per_finding_and_an_index_for_the_report()
    {
        using var dir = ProfilingFixtures.NewTempDir();
        var db = Path.Combine(dir, "campaign.db");
        using (var store = CampaignStore.Open(db))
        {
            var campaign = store.CreateLocalCampaign(new CampaignSettings(), 1);
            foreach (var r in Runtimes)
                store.RecordRuntime(new RuntimeRecord(r, r.Split('-')[0], r.Split('-')[1], null, r));
            for (var c = 1; c <= 6; c++)
                store.RecordCase(new CaseRecord($"case{c}", "test", ProfilingFixtures.HotWasm, FileHash.Sha256Hex(ProfilingFixtures.HotWasm), ["60000000"]));
            store.AppendBatch(campaign.Id, Campaign());
        }
        var outDir = Path.Combine(dir, "out");

        var result = CliProcess.Run("profile", "--db", db, "--findings", "1", "--out", outDir, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, FindingProfiles.IndexFile)));
        var entry = Assert.Single(index.RootElement.EnumerateArray().ToList());
        Assert.Equal("case3", entry.GetProperty("case").GetString());
        Assert.Equal("v8-liftoff", entry.GetProperty("runtime").GetString());
        foreach (var key in new[] { "svg", "peer_svg", "diff_svg" })
            Assert.True(File.Exists(Path.Combine(outDir, entry.GetProperty(key).GetString()!)), key);
        var top = entry.GetProperty("profile").GetProperty("a").GetProperty("top_guest_functions")[0].GetProperty("function").GetString();
        Assert.Equal("hot_loop", top);
        using var stdout = JsonDocument.Parse(result.Stdout);
        Assert.Equal(1, stdout.RootElement.GetProperty("findings").GetArrayLength());

        // The same folder gives the explanations their hot functions: hot_loop, by its index in the module.
        var hot = Assert.Single(HotFunctions.FromIndex(outDir));
        Assert.Equal(("case3", "v8-liftoff"), (hot.Case, hot.Runtime));
        var names = WasmFunctionNames.ReadFile(ProfilingFixtures.HotWasm);
        var hotLoop = names.Names.Single(n => n.Value == "hot_loop").Key;
        Assert.True(hot.Shares.GetValueOrDefault(hotLoop) > 0.5, $"hot_loop has {hot.Shares.GetValueOrDefault(hotLoop):0.00} of {hot.GuestSamples} guest samples");
    }

    [Support.RequiresPerfFact]
    public void With_a_size_each_finding_is_profiled_at_that_size_of_the_corpus()
    {
        var outDir = ProfileNbodyFinding("--size", "test");
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, FindingProfiles.IndexFile)));
        var entry = Assert.Single(index.RootElement.EnumerateArray().ToList());
        Assert.Equal("nbody", entry.GetProperty("case").GetString());
        Assert.Equal(["20000"], entry.GetProperty("profile").GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    [Support.RequiresPerfFact]
    public void Without_a_size_each_finding_is_profiled_at_the_default_size_the_help_promises()
    {
        var outDir = ProfileNbodyFinding();
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, FindingProfiles.IndexFile)));
        var entry = Assert.Single(index.RootElement.EnumerateArray().ToList());
        Assert.Equal(["6250000"], entry.GetProperty("profile").GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    /// <summary>A campaign at the test size whose planted finding is nbody, profiled with <paramref name="options"/>; returns the output folder.</summary>
    private static string ProfileNbodyFinding(params string[] options)
    {
        // Cases named after the project's corpus (the module is the profiling fixture, which takes any count):
        // the planted third case is nbody, whose test size is 20000.
        string[] names = ["fib", "sieve", "nbody", "fasta", "random", "methcall"];
        var dir = Directory.CreateTempSubdirectory("perfdiff-prof-size-").FullName;
        var db = Path.Combine(dir, "campaign.db");
        using (var store = CampaignStore.Open(db))
        {
            var campaign = store.CreateLocalCampaign(new CampaignSettings(), 1);
            foreach (var r in Runtimes)
                store.RecordRuntime(new RuntimeRecord(r, r.Split('-')[0], r.Split('-')[1], null, r));
            foreach (var n in names)
                store.RecordCase(new CaseRecord(n, "test", ProfilingFixtures.HotWasm, FileHash.Sha256Hex(ProfilingFixtures.HotWasm), ["60000000"]));
            store.AppendBatch(campaign.Id, Campaign(names));
        }
        var outDir = Path.Combine(dir, "out");

        var result = CliProcess.Run(["profile", "--db", db, "--findings", "1", "--out", outDir, .. options]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        return outDir;
    }
}
