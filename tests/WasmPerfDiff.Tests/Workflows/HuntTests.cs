using System.Diagnostics;
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

    /// <summary>SIGTERM mid-round: the hunt ends on its own within seconds, with no stack trace, and writes hunt.json and
    /// hunt.md saying it was cancelled (seen: an unhandled OperationCanceledException and no hunt.json at all).</summary>
    [RequiresCsmithFact]
    public async Task A_hunt_stopped_by_SIGTERM_writes_what_it_has_and_says_it_was_cancelled()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-hunt-stop-").FullName;
        try
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = dir };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"), "hunt", "--max-time", "10m", "--runtime",
                         "wasmtime-cranelift,wasmtime-winch", "--batch", "3", "--seed", "5", "--min-ms", "5", "--max-ms", "50", "--out", "out", "--json" })
                psi.ArgumentList.Add(a);
            using var hunt = Process.Start(psi)!;
            var stderr = hunt.StandardError.ReadToEndAsync();
            var stdout = hunt.StandardOutput.ReadToEndAsync();
            // Stop it once the first round's programs are being generated (a round in flight).
            var programs = Path.Combine(dir, "out", "programs", "round-001");
            var watch = Stopwatch.StartNew();
            while ((!Directory.Exists(programs) || Directory.GetFiles(programs).Length == 0) && watch.Elapsed < TimeSpan.FromMinutes(2) && !hunt.HasExited)
                await Task.Delay(200);
            if (hunt.HasExited) Assert.Fail("hunt ended before it was stopped: " + await stderr);
            using (var kill = Process.Start("kill", ["-TERM", hunt.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            Assert.True(hunt.WaitForExit(TimeSpan.FromSeconds(30)), "hunt did not end after SIGTERM");

            var err = await stderr;
            output.WriteLine(err);
            Assert.DoesNotContain("Unhandled exception", err);
            Assert.DoesNotContain("   at ", err);
            Assert.Contains("hunt cancelled", err);
            Assert.Equal(0, hunt.ExitCode);
            var printed = JsonDocument.Parse(await stdout).RootElement;
            Assert.Equal("cancelled", printed.GetProperty("end").GetString());
            var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "hunt.json"))).RootElement;
            Assert.Equal("cancelled", written.GetProperty("end").GetString());
            Assert.Equal(0, written.GetProperty("rounds").GetArrayLength());
            Assert.Contains("cancelled", File.ReadAllText(Path.Combine(dir, "out", "hunt.md")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
