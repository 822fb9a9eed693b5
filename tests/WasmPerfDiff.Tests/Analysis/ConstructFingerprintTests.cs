using System.Text.Json;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>
/// A real campaign of the construct corpus on the shared interpreters plus a runtime planted to be slow at one
/// construct (wasm3 running the construct variant of i32-rem-const at 8× its size): the fingerprint flags that cell and
/// no other, SIMD on wasm3 is missing (not slow), and the finding on that cell is explained by its construct.
/// </summary>
[Collection(WasmPerfDiff.Tests.Workflows.QuietMachineCollection.Name)]
public class ConstructFingerprintTests
{
    private const string Families = "call-direct,select,i32-rem-const,i64-arith,mem-32,f64-mul,simd-int";

    private static readonly Lazy<(string Dir, string Db)> Campaign = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("perfdiff-fingerprint-").FullName;
        var dir = Path.Combine(root, "constructs");
        var gen = CliProcess.Run("gen", "constructs", "--out", dir, "--families", Families, "--scale", "0.02");
        Assert.True(gen.ExitCode == 0, gen.Stderr);
        var wasm3 = Path.Combine(SharedRuntimes.Dir, "wasm3");
        var config = Path.Combine(root, "config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            paths = new Dictionary<string, string>
            {
                ["wasm3"] = wasm3,
                ["iwasm"] = Path.Combine(SharedRuntimes.Dir, "iwasm"),
                ["iwasm-classic"] = Path.Combine(SharedRuntimes.Dir, "iwasm-fast-jit"),
            },
            runtimes = new object[]
            {
                new { name = "wasm3-slowrem", engine = "wasm3", tier = "interp",
                      command = new[] { "/bin/sh", Path.Combine(TestPaths.Fixtures, "constructs", "slow-rem.sh"), wasm3, "{wasm}", "{args}" } },
            },
        }));
        var db = Path.Combine(root, "constructs.db");
        var run = CliProcess.Run("run", "--config", config, "--corpus", dir, "--runtime", "wasm3,wasm3-slowrem,iwasm,iwasm-classic",
            "--warmup", "0", "--min-runs", "5", "--max-runs", "5", "--seed", "15", "--db", db);
        Assert.True(File.Exists(db), run.Stderr + run.Stdout);
        return (dir, db);
    });

    [RequiresSharedRuntimesFact]
    public void The_planted_construct_is_flagged_and_nothing_else_on_that_runtime()
    {
        var fp = WasmPerfDiff.Workflows.ConstructFingerprintFile.Read(Campaign.Value.Db);
        Assert.Equal(["iwasm", "iwasm-classic", "wasm3", "wasm3-slowrem"], fp.Runtimes);
        var planted = fp.Cell("i32-rem-const", "wasm3-slowrem")!;
        var twin = fp.Cell("i32-rem-const", "wasm3")!;
        Assert.True(planted.Relative / twin.Relative > 3, $"planted {planted.Relative:0.00}× vs wasm3 {twin.Relative:0.00}×");
        Assert.True(planted.Relative > 2, $"planted cell {planted.Relative:0.00}× its peers");
        Assert.True(planted.CiLow <= planted.Relative && planted.Relative <= planted.CiHigh, $"interval {planted.CiLow:0.00}–{planted.CiHigh:0.00}");
        // The analysis's peer model: the median over wasm3-slowrem's closest peers, and the peer that realises it.
        Assert.Equal(FingerprintBasis.Peer, planted.Basis);
        Assert.Contains(planted.Peer, new[] { "wasm3", "iwasm", "iwasm-classic" });
        Assert.InRange(planted.Peers, 1, 3);
        // SIMD ran on iwasm only: no peer has it, so that cell is against the consensus (and says so).
        if (fp.Cell("simd-int", "iwasm") is { Relative: not null } iwasmSimd) Assert.Equal((FingerprintBasis.Consensus, null), (iwasmSimd.Basis, iwasmSimd.Peer));
        // The planted cell is the most out-of-line of its runtime (single cells of a loaded machine scatter, so the
        // other constructs are compared as a whole: their median matches wasm3's).
        var others = fp.Constructs.Where(c => c is not ("i32-rem-const" or "simd-int")).ToList();
        foreach (var c in others)
            Assert.True(fp.Cell(c, "wasm3-slowrem")!.Relative < planted.Relative, $"{c} on wasm3-slowrem: {fp.Cell(c, "wasm3-slowrem")!.Relative:0.00}× ≥ the planted {planted.Relative:0.00}×");
        var logRatios = others.Select(c => Math.Log(fp.Cell(c, "wasm3-slowrem")!.Relative!.Value / fp.Cell(c, "wasm3")!.Relative!.Value)).Order().ToList();
        Assert.True(Math.Abs(logRatios[logRatios.Count / 2]) < Math.Log(1.6), $"median ratio to wasm3 {Math.Exp(logRatios[logRatios.Count / 2]):0.00}");
        // wasm3 has no SIMD: its cells are missing with the reason, never a slowdown.
        foreach (var rt in new[] { "wasm3", "wasm3-slowrem" })
        {
            var simd = fp.Cell("simd-int", rt)!;
            Assert.Null(simd.Relative);
            Assert.False(string.IsNullOrEmpty(simd.Missing));
        }
    }

    [RequiresSharedRuntimesFact]
    public void Analyze_and_report_explain_the_planted_finding_by_its_construct()
    {
        var db = Campaign.Value.Db;
        var (code, stdout, stderr) = CliProcess.Run("analyze", "--db", db, "--constructs", db, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(4, doc.RootElement.GetProperty("fingerprint").GetProperty("runtimes").GetArrayLength());
        var finding = doc.RootElement.GetProperty("findings").EnumerateArray()
            .First(f => f.GetProperty("case").GetString() == "i32-rem-const" && f.GetProperty("runtime").GetString() == "wasm3-slowrem");
        var first = finding.GetProperty("explanations")[0];
        Assert.Equal("i32.rem by constant", first.GetProperty("opcode_class").GetString());
        Assert.True(first.GetProperty("relative").GetDouble() > 2);
        Assert.Contains("wasm3-slowrem: i32.rem by constant", first.GetProperty("text").GetString());
        Assert.Matches("× \\(95 % CI [0-9.]+–[0-9.]+\\) its (closest peer|[23] closest peers) \\(", first.GetProperty("text").GetString());
        Assert.Equal("peer", first.GetProperty("basis").GetString());
        Assert.Equal("static", first.GetProperty("weighting").GetString());
        Assert.Contains("loop-weighted instructions are i32.rem by constant (static)", first.GetProperty("text").GetString());

        var html = Path.Combine(Path.GetDirectoryName(db)!, "report.html");
        var report = CliProcess.Run("report", "--db", db, "--constructs", db, "--out", html);
        Assert.True(report.ExitCode == 0, report.Stderr);
        var page = File.ReadAllText(html);
        Assert.Contains("id=\"chart-constructs\"", page);
        Assert.Contains("Constructs that may explain it", page);
        Assert.Contains("wasm3-slowrem: i32.rem by constant", page);
    }

    /// <summary>
    /// A profile folder as <c>profile --db … --findings N</c> writes it (index and folded stacks) for the planted finding,
    /// whose samples all fall in the construct loop <c>run</c> (an interpreter names no guest frames for perf, so the
    /// folded file is written here in the verb's format): the explanation's share is then of the hot function's
    /// instructions and says so; findings without a profile keep the static mix.
    /// </summary>
    [RequiresSharedRuntimesFact]
    public void A_profile_of_the_finding_weights_its_explanation_by_the_hot_functions()
    {
        var (dir, db) = Campaign.Value;
        var profiles = Path.Combine(Path.GetDirectoryName(db)!, "profiles");
        Directory.CreateDirectory(Path.Combine(profiles, "01-rem"));
        File.WriteAllText(Path.Combine(profiles, "01-rem", "wasm3-slowrem.folded"), "wasm3;_start_[j];run_[j] 90\nwasm3;_start_[j] 10\n");
        File.WriteAllText(Path.Combine(profiles, "findings.json"), JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, object>
            {
                ["case"] = "i32-rem-const", ["runtime"] = "wasm3-slowrem", ["peer"] = "wasm3", ["kind"] = "consensus", ["folder"] = "01-rem",
                ["profile"] = new Dictionary<string, object> { ["wasm"] = Path.Combine(dir, "i32-rem-const.wasm") },
            },
        }));
        var (code, stdout, stderr) = CliProcess.Run("analyze", "--db", db, "--constructs", db, "--profiles", profiles, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var first = findings.First(f => f.GetProperty("case").GetString() == "i32-rem-const" && f.GetProperty("runtime").GetString() == "wasm3-slowrem")
            .GetProperty("explanations")[0];
        Assert.Equal("i32.rem by constant", first.GetProperty("opcode_class").GetString());
        Assert.Equal("perf-profile", first.GetProperty("weighting").GetString());
        Assert.Contains("of hot-function instructions are i32.rem by constant (perf profile)", first.GetProperty("text").GetString());
        // 90 % of the samples in the loop that is mostly remainders: a larger share than the whole module's static mix.
        var staticShare = OpcodeProfileShare(Path.Combine(dir, "i32-rem-const.wasm"));
        Assert.True(first.GetProperty("share").GetDouble() > staticShare, $"hot {first.GetProperty("share").GetDouble():0.000} vs static {staticShare:0.000}");
        foreach (var f in findings.Where(f => f.GetProperty("runtime").GetString() != "wasm3-slowrem" && f.TryGetProperty("explanations", out var e) && e.ValueKind == JsonValueKind.Array))
            foreach (var e in f.GetProperty("explanations").EnumerateArray())
                Assert.Equal("static", e.GetProperty("weighting").GetString());

        // The report reads the same folder given as its flame-graph folder.
        var html = Path.Combine(profiles, "report.html");
        var report = CliProcess.Run("report", "--db", db, "--constructs", db, "--flame-graphs", profiles, "--out", html);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains("of hot-function instructions are i32.rem by constant (perf profile)", File.ReadAllText(html));

        var none = CliProcess.Run("analyze", "--db", db, "--constructs", db, "--profiles", Path.GetDirectoryName(db)!);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("findings.json", none.Stderr);
    }

    private static double OpcodeProfileShare(string wasm) =>
        WasmPerfDiff.Corpus.OpcodeProfile.Read(wasm).Share("i32.rem by constant");

    [Fact]
    public void A_database_without_construct_cases_is_refused_in_one_line()
    {
        var (code, _, stderr) = CliProcess.Run("analyze", "--db", "/nonexistent.db", "--constructs", "/nonexistent-constructs.db");
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
