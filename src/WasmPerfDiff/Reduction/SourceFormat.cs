using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Reduction;

/// <summary>
/// C source laid out in one style (clang-format's LLVM style, includes left in their order). C-Vise leaves its output
/// with statements broken over several lines and blank-ish leftovers, so its raw line count says little; the original and
/// every candidate are counted in the same layout, and the program kept for people to read is the laid-out one.
/// Without clang-format (Debian <c>clang-format</c>) the raw text is used.
/// </summary>
public static class SourceFormat
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The laid-out text, or null when clang-format is missing or refuses the file.</summary>
    public static async Task<string?> FormatAsync(string path, CancellationToken ct)
    {
        if (ExecutableSearch.Find("clang-format") is not { } tool) return null;
        var result = await ToolProcess.RunAsync(tool, ["--style=LLVM", "--sort-includes=false", path], Timeout, ct: ct);
        return result.Ok && result.Stdout.Length > 0 ? result.Stdout : null;
    }

    /// <summary>Non-blank lines of the laid-out text (of the raw text without clang-format).</summary>
    public static int CountLines(string text) => text.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));
}
