using System.Text.RegularExpressions;

namespace WasmPerfDiff.Tests.Cli;

/// <summary>
/// The README and docs/ are a newcomer's way in: every relative link in them reaches a file that exists and, when it
/// names an anchor, a heading of that file (anchors as GitHub makes them from headings).
/// </summary>
public class DocLinksTests
{
    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_reaches_an_existing_file_and_heading()
    {
        var pages = new[] { Path.Combine(TestPaths.RepoRoot, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md", SearchOption.AllDirectories));
        var broken = new List<string>();
        foreach (var page in pages)
        {
            var text = Regex.Replace(File.ReadAllText(page), "```.*?```", "", RegexOptions.Singleline);
            foreach (Match m in Regex.Matches(text, @"\]\((?<target>[^)\s]+)\)"))
            {
                var target = m.Groups["target"].Value;
                if (target.Contains("://") || target.StartsWith("mailto:")) continue;
                var parts = target.Split('#', 2);
                var file = parts[0].Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, parts[0]));
                var where = $"{Path.GetRelativePath(TestPaths.RepoRoot, page)}: ({target})";
                if (!File.Exists(file) && !Directory.Exists(file)) { broken.Add($"{where}: no such file"); continue; }
                if (parts.Length == 2 && !Anchors(file).Contains(parts[1])) broken.Add($"{where}: no heading with that anchor");
            }
        }
        Assert.Empty(broken);
    }

    /// <summary>GitHub's anchors: the heading in lower case, punctuation dropped, spaces made hyphens.</summary>
    private static HashSet<string> Anchors(string markdownFile) =>
        File.ReadLines(markdownFile)
            .Where(l => l.StartsWith('#'))
            .Select(l => l.TrimStart('#').Trim().ToLowerInvariant())
            .Select(h => Regex.Replace(h, @"[^\p{L}\p{N}\- _]", "").Replace(' ', '-'))
            .ToHashSet();
}
