using WasmPerfDiff.Tests.Support;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// A reducer's typical mistakes that UBSan cannot see at run time make a candidate "not build" (the native check build
/// turns their warnings into errors), while the clean program builds; and C is counted in one layout.
/// </summary>
public sealed class CandidateBuilderTests
{
    private const string Clean = "#include <stdio.h>\nint main(void) {\n  unsigned w[4] = {1, 2, 3, 4};\n  unsigned s = 0;\n  for (int i = 0; i < 4; i++) s += w[i];\n  printf(\"%u\\n\", s);\n  return 0;\n}\n";

    private static async Task<CandidateBuild> BuildAsync(string source)
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
        return await CandidateBuilder.BuildAsync(spec, path, dir, CancellationToken.None);
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

/// <summary>A fact that needs clang-format (Debian <c>clang-format</c>), skipped with the reason otherwise.</summary>
public sealed class RequiresClangFormatFactAttribute : FactAttribute
{
    public RequiresClangFormatFactAttribute() => Skip = RequiredTools.SkipReason("clang-format", RequiredTools.MissingFromPath("clang-format") is { } m ? m + " (apt-get install clang-format)" : null);
}
