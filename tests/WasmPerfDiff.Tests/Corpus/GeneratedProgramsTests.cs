using System.Text.Json;
using WasmPerfDiff.Corpus.Programs;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>
/// <c>gen programs</c>: the injector (Csmith's program + a hot spot) gives valid modules whose bytes depend on the seed
/// alone, and the native filters reject a program that does not terminate and one with undefined behaviour.
/// </summary>
public sealed class GeneratedProgramsTests
{
    [RequiresCsmithFact]
    public void The_same_seed_gives_the_same_programs_byte_for_byte_and_every_kept_one_prints_its_expected_output()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-genprog-").FullName;
        try
        {
            (string[] Kept, string[] All) Gen(string name)
            {
                var (code, stdout, stderr) = CliProcess.RunIn(dir, TimeSpan.FromMinutes(5), ["gen", "programs", "--count", "3", "--seed", "42",
                    "--patterns", "fp-array,indirect-call,switch-br-table", "--min-ms", "5", "--max-ms", "200", "--out", name, "--json"]);
                Assert.True(code == 0, stderr);
                var doc = JsonDocument.Parse(stdout).RootElement;
                Assert.Equal(3, doc.GetProperty("generated").GetInt32());
                string[] Names(string list) => doc.GetProperty(list).EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
                return (Names("programs"), Names("programs").Concat(Names("rejected")).Order(StringComparer.Ordinal).ToArray());
            }
            var first = Gen("a");
            var second = Gen("b");
            // The same plan; which programs pass the native time range can differ on a loaded machine, so bytes are
            // compared for the programs kept both times.
            Assert.Equal(first.All, second.All);
            var both = first.Kept.Intersect(second.Kept).ToArray();
            Assert.NotEmpty(both);
            foreach (var name in both)
            {
                foreach (var ext in new[] { ".c", ".wasm" })
                    Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", name + ext)), File.ReadAllBytes(Path.Combine(dir, "b", name + ext)));
                WasmPerfDiff.Corpus.ModuleCheck.EnsureValid(Path.Combine(dir, "a", name + ".wasm"));
                var source = File.ReadAllText(Path.Combine(dir, "a", name + ".c"));
                Assert.Contains("perfdiff_hot(n,", source);
                Assert.Matches(@"^checksum = [0-9A-F]+\nhot = [0-9a-f]{16}\n$", File.ReadAllText(Path.Combine(dir, "a", name + ".expected")));
            }
            // The kept programs run ok with their expected output as a foreign corpus on another runtime than the reference.
            var (runCode, _, runErr) = CliProcess.RunIn(dir, TimeSpan.FromMinutes(5), ["run", "--corpus", Path.Combine(dir, "a"),
                "--runtime", "wasmtime-winch", "--min-runs", "1", "--max-runs", "1", "--db", Path.Combine(dir, "a.db")]);
            Assert.True(runCode == 0, runErr);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [RequiresCsmithFact]
    public async Task The_filter_rejects_a_program_that_does_not_terminate_and_one_with_undefined_behaviour()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-genfilter-").FullName;
        try
        {
            var filter = new ProgramFilter(await ProgramBuild.DetectAsync(CancellationToken.None), new TimeRange(5, 200));
            async Task<FilterOutcome> Check(string name, string body)
            {
                var source = Path.Combine(dir, name + ".c");
                File.WriteAllText(source, "#include <stdio.h>\n#include <stdlib.h>\n#include <limits.h>\n" + body);
                return await filter.CheckAsync(source, Path.Combine(dir, name + ".wasm"), dir, CancellationToken.None);
            }
            // Terminates only when its size is 0 … unless it spins forever: the Csmith part never ends here.
            var spin = await Check("spin", "int main(int argc, char **argv) { volatile unsigned x = 1; while (x) x |= 1; return 0; }");
            Assert.Equal(Rejection.NativeTimeout, spin.Rejected);

            // Signed overflow once the loop has run long enough: the same output natively at -O2, but UBSan reports it.
            var ub = await Check("overflow", """
                int main(int argc, char **argv) {
                  long n = atol(argv[1]); int acc = INT_MAX - 3; unsigned h = 0;
                  for (long i = 0; i < n; i++) { h = h * 31u + (unsigned)i; }
                  acc += (int)(n > 0) * 5;
                  printf("%u %d\n", h, acc > 0);
                  return 0;
                }
                """);
            Assert.Equal(Rejection.UndefinedBehaviour, ub.Rejected);
            Assert.Contains("signed integer overflow", ub.Detail);

            var fine = await Check("fine", """
                int main(int argc, char **argv) {
                  long n = atol(argv[1]); unsigned h = 0;
                  for (long i = 0; i < n; i++) { h = h * 31u + (unsigned)i; }
                  printf("%u\n", h);
                  return 0;
                }
                """);
            Assert.True(fine.Kept, $"{fine.Rejected}: {fine.Detail}");
            Assert.InRange(fine.NativeMs, 5, 200);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

/// <summary>A fact skipped (with the reason) when Csmith, its headers or clang for wasm32-wasi are missing.</summary>
public sealed class RequiresCsmithFactAttribute : FactAttribute
{
    /// <summary>Also skip when ../shared/runtimes (WAMR) is absent.</summary>
    public bool AndSharedRuntimes
    {
        get => _andShared;
        set
        {
            _andShared = value;
            if (value && Skip is null && SharedRuntimes.MissingReason is { } missing) Skip = missing;
        }
    }

    private bool _andShared;

    public RequiresCsmithFactAttribute()
    {
        if (new RequiresClangFactAttribute().Skip is { } noClang) Skip = noClang;
        else if (CsmithProgram.Csmith is null || !File.Exists(Path.Combine(CsmithProgram.IncludeDir, "csmith.h")))
            Skip = $"csmith or {CsmithProgram.IncludeDir}/csmith.h missing ({CsmithProgram.InstallHint})";
    }
}
