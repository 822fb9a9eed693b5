using System.Text.RegularExpressions;

namespace WasmPerfDiff.Tests.Architecture;

/// <summary>
/// The library's rooms and their one-way flow (docs/ARCHITECTURE.md): a type in a stage may use the stages
/// before it, never one after it. Read from the sources, so a stray reference fails here before it tangles the stages.
/// </summary>
public sealed partial class StageOrderTests
{
    /// <summary>The pipeline order; a room may refer to rooms on its left only.</summary>
    public static readonly string[] Stages =
        ["Host", "Corpus", "Runtimes", "Measurement", "Campaigns", "Store", "Analysis", "Reduction", "Profiling", "Reporting", "Exporters", "Cluster", "Workflows"];

    private static string Library => Path.Combine(TestPaths.RepoRoot, "src", "WasmPerfDiff");

    [GeneratedRegex(@"\bWasmPerfDiff\.(?<stage>[A-Z]\w*)|(?<![\w.])(?<stage>[A-Z]\w*)\.[A-Z]")]
    private static partial Regex StageReference();

    [Fact]
    public void No_stage_refers_to_a_later_stage()
    {
        var violations = new List<string>();
        foreach (var (stage, index) in Stages.Select((s, i) => (s, i)))
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Library, stage), "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var n = 0; n < lines.Length; n++)
            {
                var code = lines[n].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (Match m in StageReference().Matches(code))
                {
                    var later = Array.IndexOf(Stages, m.Groups["stage"].Value);
                    if (later > index)
                        violations.Add($"{Path.GetRelativePath(Library, file)}:{n + 1} ({stage} → {Stages[later]}): {code}");
                }
            }
        }
        Assert.True(violations.Count == 0, "references against the flow:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Every_folder_of_the_library_is_a_stage()
    {
        var folders = Directory.EnumerateDirectories(Library).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).ToList();
        Assert.All(folders, f => Assert.Contains(f, Stages));
    }

    [Fact]
    public void Verbs_only_parse_call_and_render()
    {
        var verbs = Path.Combine(TestPaths.RepoRoot, "src", "WasmPerfDiff.Cli", "Verbs");
        var long_ = Directory.EnumerateFiles(verbs, "*.cs").Where(f => File.ReadLines(f).Count() > 70).Select(Path.GetFileName).ToList();
        Assert.True(long_.Count == 0, "verbs over 70 lines (move logic into the library, rendering into Cli/Views): " + string.Join(", ", long_));
    }
}
