using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using WasmPerfDiff.Cli.Verbs;

namespace WasmPerfDiff.Tests.Cli;

/// <summary>
/// docs/verbs.md stays true: every verb's option table there is the one its command defines. A verb or option
/// added, renamed or re-described without the page fails here; <c>WASM_PERFDIFF_UPDATE_DOCS=1</c> rewrites the
/// tables in place (then read the diff: the prose around them may need the change too).
/// </summary>
public class VerbDocsTests
{
    private static readonly string Page = Path.Combine(TestPaths.RepoRoot, "docs", "verbs.md");

    [Fact]
    public void Every_verb_has_its_option_table_in_docs_verbs_md_and_it_matches_the_command()
    {
        var text = File.ReadAllText(Page);
        var expected = Leaves().ToDictionary(l => l.Path, l => Table(l.Command));
        var blocks = Regex.Matches(text, @"<!-- options: (?<path>[a-z0-9 ]+) -->\n(?<table>.*?)<!-- /options -->", RegexOptions.Singleline);

        if (Environment.GetEnvironmentVariable("WASM_PERFDIFF_UPDATE_DOCS") == "1")
        {
            var updated = Regex.Replace(text, @"<!-- options: (?<path>[a-z0-9 ]+) -->\n.*?<!-- /options -->",
                m => expected.TryGetValue(m.Groups["path"].Value, out var t) ? $"<!-- options: {m.Groups["path"].Value} -->\n{t}<!-- /options -->" : m.Value,
                RegexOptions.Singleline);
            File.WriteAllText(Page, updated);
            text = updated;
            blocks = Regex.Matches(text, @"<!-- options: (?<path>[a-z0-9 ]+) -->\n(?<table>.*?)<!-- /options -->", RegexOptions.Singleline);
        }

        var documented = blocks.ToDictionary(b => b.Groups["path"].Value, b => b.Groups["table"].Value);
        Assert.Empty(expected.Keys.Except(documented.Keys).Select(p => $"docs/verbs.md has no option table for '{p}'"));
        Assert.Empty(documented.Keys.Except(expected.Keys).Select(p => $"docs/verbs.md documents '{p}', which is no verb"));
        foreach (var (path, table) in expected)
            Assert.True(documented[path] == table, $"docs/verbs.md's options of '{path}' differ from the command (WASM_PERFDIFF_UPDATE_DOCS=1 rewrites them):\n{table}");
    }

    private static IEnumerable<(string Path, Command Command)> Leaves()
    {
        IEnumerable<(string, Command)> Walk(Command c, string prefix)
        {
            if (c.Hidden) yield break;
            var path = prefix.Length == 0 ? c.Name : $"{prefix} {c.Name}";
            if (c.Subcommands.Count == 0) { yield return (path, c); yield break; }
            foreach (var sub in c.Subcommands)
                foreach (var leaf in Walk(sub, path)) yield return leaf;
        }
        return Verbs.All().SelectMany(v => Walk(v, ""));
    }

    /// <summary>The Markdown table of a command's arguments and options, in the order the command declares them.</summary>
    private static string Table(Command c)
    {
        var sb = new StringBuilder("| argument or option | default | what it does |\n|---|---|---|\n");
        foreach (var a in c.Arguments.Where(a => !a.Hidden))
            sb.Append($"| `<{a.Name}>` |  | {Cell(a.Description)} |\n");
        foreach (var o in c.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version")))
        {
            var names = string.Join(", ", new[] { o.Name }.Concat(o.Aliases.Order(StringComparer.Ordinal)).Select(n => $"`{n}`"));
            var value = o.ValueType == typeof(bool) ? "" : $" `<{o.HelpName ?? o.Name.TrimStart('-')}>`";
            var required = o.Required ? " (required)" : "";
            sb.Append($"| {names}{value}{required} | {Cell(Default(o))} | {Cell(o.Description)} |\n");
        }
        return sb.ToString();
    }

    private static string Default(Option o)
    {
        if (!o.HasDefaultValue) return "";
        var v = o.GetDefaultValue();
        return v switch
        {
            null or false => "",
            Enum e => Regex.Replace(e.ToString(), "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant(),
            string s when s.Length == 0 => "",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        };
    }

    private static string Cell(string? s) => (s ?? "").Replace("|", "\\|").Replace("\n", " ");
}
