using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>The reduction folder builds on its own: the headers the program includes by a quoted name come along.</summary>
public sealed class ReductionFolderTests
{
    [Fact]
    public void The_quoted_headers_the_program_includes_are_copied_beside_it_and_nothing_else()
    {
        var root = Directory.CreateTempSubdirectory("perfdiff-folder-").FullName;
        var include = Directory.CreateDirectory(Path.Combine(root, "include")).FullName;
        var outDir = Directory.CreateDirectory(Path.Combine(root, "reduced")).FullName;
        File.WriteAllText(Path.Combine(include, "perfdiff.h"), "// markers\n");
        File.WriteAllText(Path.Combine(include, "unused.h"), "// not included\n");
        File.WriteAllText(Path.Combine(include, "mine.h"), "// the folder already has its own\n");
        File.WriteAllText(Path.Combine(outDir, "mine.h"), "// kept\n");
        File.WriteAllText(Path.Combine(outDir, "p.c"), "#include <stdio.h>\n#include \"perfdiff.h\"\n  #  include \"mine.h\"\n#include \"../escape.h\"\nint main(void) { return 0; }\n");
        var spec = new ReductionSpec { Target = "t", Peers = ["p"], Level = ReductionLevel.C, ProgramName = "p.c", Args = [], RequiredFactor = 1.5, OutDirectory = outDir };

        new ReductionFolder(outDir, spec).CopyHeaders(include);

        Assert.Equal("// markers\n", File.ReadAllText(Path.Combine(outDir, "perfdiff.h")));
        Assert.Equal("// kept\n", File.ReadAllText(Path.Combine(outDir, "mine.h")));
        Assert.False(File.Exists(Path.Combine(outDir, "unused.h")));
        Assert.False(File.Exists(Path.Combine(root, "escape.h")));
        Assert.Equal(["mine.h", "p.c", "perfdiff.h"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
    }
}
