using WasmPerfDiff.Tests.Support;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Host;
using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// A reducer's typical mistakes that UBSan cannot see at run time make a candidate "not build" (the native check build
/// turns their warnings into errors), while the clean program builds; and C is counted in one layout.
/// </summary>
public sealed class CandidateBuilderTests
{
    private const string Clean = "#include <stdio.h>\nint main(void) {\n  unsigned w[4] = {1, 2, 3, 4};\n  unsigned s = 0;\n  for (int i = 0; i < 4; i++) s += w[i];\n  printf(\"%u\\n\", s);\n  return 0;\n}\n";

    private static async Task<CandidateBuild> BuildAsync(string source) => (await BuildWithPlainAsync(source, plain: false)).Build;

    /// <summary>Both check builds of <paramref name="source"/> in a fresh folder, and the plain build memcheck runs when asked.</summary>
    private static async Task<(CandidateBuild Build, string? Plain)> BuildWithPlainAsync(string source, bool plain)
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-candidate-").FullName;
        var path = Path.Combine(dir, "p.c");
        File.WriteAllText(path, source);
        var toolchain = await BuildToolchain.DetectAsync(WasmCompiler.Clang);
        var spec = new ReductionSpec
        {
            Target = "t", Peers = ["p"], Level = ReductionLevel.C, ProgramName = "p.c", Args = [], RequiredFactor = 1.5, OutDirectory = dir,
            WasmCompiler = toolchain.CCompiler, NativeCompiler = WasmPerfDiff.Host.ExecutableSearch.Find("gcc"), IncludeDirectory = dir,
        };
        var build = await CandidateBuilder.BuildAsync(spec, path, dir, CancellationToken.None);
        return (build, plain ? await CandidateBuilder.PlainAsync(spec, path, dir, CancellationToken.None) : null);
    }

    [RequiresClangAndGccFact]
    public async Task The_plain_build_is_the_same_binary_wherever_the_candidate_lies_and_however_its_lines_moved()
    {
        // What lets a reduction skip memcheck for an edit the compiler optimises away: the UBSan build records the
        // candidate's path and each check's line, the plain build neither.
        var (a, plainA) = await BuildWithPlainAsync(Clean, plain: true);
        var (b, plainB) = await BuildWithPlainAsync("/* moved */\n\n" + Clean, plain: true);
        Assert.NotEqual(File.ReadAllBytes(a.NativePath!), File.ReadAllBytes(b.NativePath!));
        Assert.Equal(File.ReadAllBytes(plainA!), File.ReadAllBytes(plainB!));
        var (_, other) = await BuildWithPlainAsync(Clean.Replace("s += w[i]", "s ^= w[i]", StringComparison.Ordinal), plain: true);
        Assert.NotEqual(File.ReadAllBytes(plainA!), File.ReadAllBytes(other!));
    }

    [RequiresClangAndGccFact]
    public async Task A_clean_program_builds_for_both_targets()
    {
        var build = await BuildAsync(Clean);
        Assert.Null(build.Problem);
        Assert.True(File.Exists(build.WasmPath));
        Assert.True(File.Exists(build.NativePath));
    }

    [RequiresClangAndGccTheory]
    [InlineData("s += w[i];", "s += w;", "int-conversion")]                                   // what C-Vise did to sha256's schedule
    [InlineData("unsigned s = 0;", "unsigned s;", "uninitialized")]                           // an initialiser deleted
    [InlineData("#include <stdio.h>\n", "", "implicit-function-declaration")]                 // a declaration deleted
    public async Task A_mistake_ubsan_cannot_see_does_not_build(string from, string to, string warning)
    {
        var build = await BuildAsync(Clean.Replace(from, to, StringComparison.Ordinal));
        Assert.NotNull(build.Problem);
        Assert.StartsWith("does not build", build.Problem);
        Assert.Contains(warning, build.Problem);
    }

    [RequiresClangAndGccFact]
    public async Task A_loop_variable_left_uninitialised_does_not_build_though_gcc_lets_it_through()
    {
        // What C-Vise left of the planted popcount kernel: gcc -O1 does not warn, clang's flow analysis does.
        const string reduced = "#include <stdint.h>\n#include <stdio.h>\nint main(void) {\n  uint64_t x, total = 0;\n"
            + "  for (int i = 0; i < 400; i++) x = total += (uint64_t)__builtin_popcountll(x);\n  printf(\"%llu\\n\", (unsigned long long)total);\n  return 0;\n}\n";
        var build = await BuildAsync(reduced);
        Assert.NotNull(build.Problem);
        Assert.StartsWith("does not build for wasm32-wasi", build.Problem);
        Assert.Contains("uninitialized", build.Problem);
    }

    [RequiresValgrindFact]
    public async Task Memcheck_finds_an_unwritten_buffer_that_both_builds_print_alike()
    {
        // The reduced sha256's mistake: it printed a digest nothing wrote. The wasm memory is zeroed, so every runtime
        // and the native build print the same, and UBSan has nothing to say.
        // gcc sees a malloc'd buffer read in the same function, or passed as const: here it is neither. Memcheck runs the
        // plain build, as a reduction's check does.
        const string unwritten = "#include <stdio.h>\n#include <stdlib.h>\n"
            + "static unsigned __attribute__((noinline)) sum(unsigned *w, int n) {\n  unsigned s = 0;\n  for (int i = 0; i < n; i++) s += w[i];\n  return s;\n}\n"
            + "int main(void) {\n  unsigned *w = malloc(4 * sizeof *w);\n  printf(\"%u\\n\", sum(w, 4));\n  return 0;\n}\n";
        var (bad, badPlain) = await BuildWithPlainAsync(unwritten, plain: true);
        Assert.Null(bad.Problem);
        var found = await CandidateBuilder.MemcheckAsync(ExecutableSearch.Find("valgrind")!, badPlain!, [], null, TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.NotNull(found);
        Assert.StartsWith("memcheck: ", found);
        Assert.Contains("uninitialised", found);

        var (_, cleanPlain) = await BuildWithPlainAsync(Clean, plain: true);
        Assert.Null(await CandidateBuilder.MemcheckAsync(ExecutableSearch.Find("valgrind")!, cleanPlain!, [], null, TimeSpan.FromMinutes(2), CancellationToken.None));
    }

    [RequiresClangFormatFact]
    public async Task C_is_counted_in_one_layout_whatever_the_reducer_left()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-layout-").FullName;
        var tidy = Path.Combine(dir, "tidy.c");
        var broken = Path.Combine(dir, "broken.c");
        File.WriteAllText(tidy, "int main(void) {\n  int s = 0;\n  for (int i = 0; i < 4; i++)\n    s += i;\n  return s;\n}\n");
        File.WriteAllText(broken, "int main(void) {\n  int s = 0;\n  for (int i = 0;\n       i < 4;\n       i++)\n    s += i;\n  return s;\n}\n");
        var (a, _) = await ProgramSize.OfAsync(tidy, ReductionLevel.C, CancellationToken.None);
        var (b, _) = await ProgramSize.OfAsync(broken, ReductionLevel.C, CancellationToken.None);
        Assert.Equal(6, a.Lines);
        Assert.Equal(a.Lines, b.Lines);
    }
}

/// <summary>A fact that needs clang for wasm32-wasi and gcc (the two builds of a C candidate).</summary>
public sealed class RequiresClangAndGccFactAttribute : FactAttribute
{
    public RequiresClangAndGccFactAttribute() => Skip = new Corpus.RequiresClangFactAttribute().Skip ?? RequiredTools.SkipReason("gcc", RequiredTools.MissingFromPath("gcc"));
}

/// <summary>A theory with <see cref="RequiresClangAndGccFactAttribute"/>'s needs.</summary>
public sealed class RequiresClangAndGccTheoryAttribute : TheoryAttribute
{
    public RequiresClangAndGccTheoryAttribute() => Skip = new RequiresClangAndGccFactAttribute().Skip;
}

/// <summary>A fact that needs clang, gcc and valgrind (Debian <c>valgrind</c>): a candidate's builds and its memcheck.</summary>
public sealed class RequiresValgrindFactAttribute : FactAttribute
{
    public RequiresValgrindFactAttribute() => Skip = new RequiresClangAndGccFactAttribute().Skip
        ?? RequiredTools.SkipReason("valgrind", RequiredTools.MissingFromPath("valgrind") is { } m ? m + " (apt-get install valgrind)" : null);
}

/// <summary>A fact that needs clang-format (Debian <c>clang-format</c>), skipped with the reason otherwise.</summary>
public sealed class RequiresClangFormatFactAttribute : FactAttribute
{
    public RequiresClangFormatFactAttribute() => Skip = RequiredTools.SkipReason("clang-format", RequiredTools.MissingFromPath("clang-format") is { } m ? m + " (apt-get install clang-format)" : null);
}
