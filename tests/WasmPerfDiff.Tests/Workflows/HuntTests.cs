using System.Text.Json;
using WasmPerfDiff.Tests.Corpus;
using WasmPerfDiff.Tests.Support;
using Xunit.Abstractions;

namespace WasmPerfDiff.Tests.Workflows;

/// <summary>
/// A tiny hunt with a planted runtime: iwasm-planted is WAMR's Fast JIT except on programs with the i64-arith hot spot,
/// which it runs in WAMR's classic interpreter (several times slower). Among six generated programs two carry
/// i64-arith; the hunt must confirm the planted cells in its second campaign and report them as one group.
/// </summary>
public sealed class HuntTests(ITestOutputHelper output)
{
    [RequiresCsmithFact(AndSharedRuntimes = true)]
    public void A_hunt_finds_the_planted_pattern_and_counts_its_programs_as_one_group()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-hunt-").FullName;
        try
        {
            var iwasm = PlantedWamr.Iwasm;
            var config = PlantedWamr.WriteConfig(dir, "iwasm-planted", "fast-jit", $"""
                # Planted: slow (classic interpreter) on the i64-arith hot spot only.
                case "$1" in
                  *i64-arith-*) exec {iwasm} --interp "$@" ;;
                esac
                exec {iwasm} --fast-jit "$@"

                """, ("iwasm-fast-jit", "fast-jit", [iwasm, "--fast-jit", "{wasm}", "{args}"]));
            var (code, stdout, stderr) = CliProcess.RunIn(dir, TimeSpan.FromMinutes(15), ["hunt", "--config", config, "--max-time", "20m", "--max-rounds", "1",
                "--runtime", "wasmtime-cranelift,wasmtime-winch,iwasm-fast-jit,iwasm-planted", "--batch", "6", "--seed", "4",
                "--patterns", "i64-arith,divrem-const,switch-br-table", "--min-ms", "10", "--max-ms", "100", "--out", "out", "--json"]);
            output.WriteLine(stderr);
            Assert.True(code is 0 or 1, stderr);
            var doc = JsonDocument.Parse(stdout).RootElement;
            output.WriteLine(doc.GetProperty("groups").ToString());
            var kept = doc.GetProperty("programs_kept").GetInt32();
            Assert.True(kept >= 5, $"only {kept} of 6 programs kept");
            var groups = doc.GetProperty("groups").EnumerateArray().ToList();
            var planted = Assert.Single(groups, g => g.GetProperty("runtime").GetString() == "iwasm-planted" && g.GetProperty("pattern").GetString() == "i64-arith");
            Assert.Equal(2, planted.GetProperty("members").GetArrayLength());
            Assert.True(planted.GetProperty("factor").GetDouble() >= 1.5, planted.ToString());
            // One root cause counts once: no other group for the planted runtime and pattern, and its programs are in the group's folder.
            Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "out", planted.GetProperty("folder").GetString()!), "*.wasm").Length);
            Assert.DoesNotContain(groups, g => g.GetProperty("runtime").GetString() == "iwasm-fast-jit" && g.GetProperty("pattern").GetString() == "i64-arith");
            Assert.True(File.Exists(Path.Combine(dir, "out", "hunt.md")));
            Assert.Single(Directory.GetFiles(Path.Combine(dir, "out", "reports"), "*.html"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
