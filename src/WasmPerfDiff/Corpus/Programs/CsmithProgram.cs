using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Programs;

/// <summary>
/// A Csmith program with one hot spot injected: Csmith's <c>main</c> is renamed <c>csmith_main</c> (a macro around its
/// text), and a new <c>main</c> runs it once (it prints Csmith's checksum of its globals), then runs the hot spot with
/// the size argument as trip count and Csmith's checksum as its input, and prints the hot spot's result. So the hot
/// spot shares its translation unit with Csmith's code, its inputs come from that code, and its result is output.
/// </summary>
public static class CsmithProgram
{
    /// <summary>Debian's libcsmith-dev puts csmith.h here.</summary>
    public const string IncludeDir = "/usr/include/csmith";

    public const string InstallHint = "apt-get install csmith libcsmith-dev";

    /// <summary>
    /// Csmith's options (csmith --help, Csmith 2.3.0): a fixed seed; at most 4 functions besides main, so the
    /// program's own part stays short next to the hot spot; no packed structs (clang warns on misaligned
    /// members in wasm32); --concise drops the comments, which are a large part of the text.
    /// </summary>
    public static readonly string[] Options = ["--max-funcs", "4", "--no-packed-struct", "--concise"];

    public static string? Csmith => ExecutableSearch.Find("csmith");

    /// <summary>Csmith's text for <paramref name="seed"/>, or null with the reason when Csmith fails.</summary>
    public static async Task<(string? Text, string? Error)> GenerateAsync(uint seed, CancellationToken ct)
    {
        var csmith = Csmith ?? throw new BadInputException($"csmith not found on PATH ({InstallHint})");
        var r = await ToolProcess.RunAsync(csmith, ["--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Options],
            TimeSpan.FromSeconds(60), ct: ct);
        return r.Ok && r.Stdout.Length > 0 ? (r.Stdout, null) : (null, r.Tail(300));
    }

    /// <summary>The program's C text: Csmith's program, the hot spot, and the main that runs both.</summary>
    public static string Compose(string csmithText, HotSpot hotSpot, uint csmithSeed, int a, int b, int c) => $$"""
        /* wasm-perfdiff gen programs: Csmith seed {{csmithSeed}} ({{string.Join(' ', Options)}}), hot spot {{hotSpot.Name}} (A={{a}} B={{b}} C={{c}}) */
        #define main csmith_main
        {{csmithText.TrimEnd()}}
        #undef main
        #include <math.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>

        /* hot spot: {{hotSpot.Family}} */
        {{hotSpot.Render(a, b, c).TrimEnd()}}

        int main(int argc, char **argv) {
          long n = argc > 1 ? atol(argv[1]) : 0;
          char *csmith_args[] = { argv[0], 0 };
          csmith_main(1, csmith_args);
          printf("hot = %016llx\n", (unsigned long long)perfdiff_hot(n, (uint32_t)crc32_context));
          return 0;
        }

        """;
}
