using System.Text.Json;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>
/// The tier-inversion oracle on a real campaign: WAMR's Fast JIT and its classic interpreter from ../shared/runtimes,
/// registered as iwasm-fast-jit and iwasm-classic (a pair of the table), on eight corpus programs. The "fast-jit"
/// entry is a planted script: on crc32 it runs the classic interpreter at four times the size, so there the optimizing
/// tier takes about four times the baseline tier's time while it is several times faster on the others.
/// </summary>
public sealed class TierInversionTests
{
    private static readonly string[] Cases = ["crc32", "fannkuch", "mandelbrot", "methcall", "nbody", "random", "sha256", "sieve"];

    [Fact]
    public void The_pair_table_matches_tiers_of_one_engine_and_one_install()
    {
        string[] runtimes = ["v8-liftoff", "v8-turbofan", "v8-liftoff@22", "v8-turbofan@22", "wasmtime-cranelift", "wasmtime-winch", "wasm3", "wasm3-compile", "v8-turbofan@18"];
        var pairs = TierInversion.PairsIn(runtimes).Select(p => $"{runtimes[p.Optimizing]}/{runtimes[p.Baseline]}").Order().ToArray();
        Assert.Equal(["v8-turbofan/v8-liftoff", "v8-turbofan@22/v8-liftoff@22", "wasmtime-cranelift/wasmtime-winch"], pairs);
    }

    [RequiresSharedRuntimesFact]
    public void A_planted_inversion_is_an_anomaly_of_its_own_kind_with_an_interval_and_the_other_cells_are_not()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-tierinv-").FullName;
        try
        {
            var corpus = Directory.CreateDirectory(Path.Combine(dir, "corpus")).FullName;
            var manifest = WasmPerfDiff.Corpus.CorpusManifest.Load(Path.Combine(TestPaths.RepoRoot, "corpus", "manifest.json"));
            foreach (var name in Cases)
            {
                var c = manifest.Cases.Single(x => x.Name == name);
                File.Copy(Path.Combine(TestPaths.RepoRoot, "corpus", c.Wasm), Path.Combine(corpus, name + ".wasm"));
                File.WriteAllLines(Path.Combine(corpus, name + ".args"), c.Size(WasmPerfDiff.Corpus.CorpusCase.TestSize).Args);
            }
            var iwasm = PlantedWamr.Iwasm;
            var config = PlantedWamr.WriteConfig(dir, "iwasm-fast-jit", "fast-jit", $"""
                # Planted tier inversion: on crc32 the "optimizing" tier is the classic interpreter at four times the size.
                case "$1" in
                  *crc32*) wasm="$1"; n="$2"; shift 2; exec {iwasm} --interp "$wasm" $((n * 4)) "$@" ;;
                esac
                exec {iwasm} --fast-jit "$@"

                """, ("iwasm-classic", "classic-interp", [iwasm, "--interp", "{wasm}", "{args}"]));
            var db = Path.Combine(dir, "campaign.db");
            var (code, _, stderr) = CliProcess.RunIn(dir, TimeSpan.FromMinutes(5), ["run", "--config", config, "--corpus", corpus,
                "--runtime", "iwasm-fast-jit,iwasm-classic", "--min-runs", "5", "--max-runs", "5", "--db", db]);
            Assert.True(code == 0, stderr);

            (code, var stdout, stderr) = CliProcess.RunIn(dir, TimeSpan.FromMinutes(2), ["analyze", "--db", db, "--json"]);
            Assert.True(code == 0, stderr);
            var inversions = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("kind").GetString() == "tier-inversion").ToList();
            var planted = Assert.Single(inversions, f => f.GetProperty("case").GetString()!.Contains("crc32"));
            Assert.Equal("iwasm-fast-jit", planted.GetProperty("runtime").GetString());
            Assert.Equal("iwasm-classic", planted.GetProperty("peer").GetString());
            Assert.True(planted.GetProperty("verdict").GetString() == "anomaly", string.Join("\n", inversions));
            // The factor is against the usual ratio (Fast JIT several times faster), so it is well above the raw 4×.
            Assert.True(planted.GetProperty("ci_low").GetDouble() > 4, planted.ToString());
            Assert.DoesNotContain(inversions, f => !f.GetProperty("case").GetString()!.Contains("crc32") && f.GetProperty("verdict").GetString() == "anomaly");

            (code, stdout, stderr) = CliProcess.RunIn(dir, TimeSpan.FromMinutes(2), ["report", "--db", db, "--out", Path.Combine(dir, "report.html"), "--md", Path.Combine(dir, "report.md")]);
            Assert.True(code == 0, stderr);
            var md = File.ReadAllText(Path.Combine(dir, "report.md"));
            Assert.Contains("### Tier inversions", md);
            Assert.Contains("| iwasm-fast-jit | iwasm-classic |", md);
            Assert.Contains("id=\"tier-inversions\"", File.ReadAllText(Path.Combine(dir, "report.html")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
