using System.Text;

namespace WasmPerfDiff.Reporting;

/// <summary>
/// Text from data (case and runtime names, messages, hosts) placed into Markdown, shared by the report and the exporters:
/// so a name cannot break a table, start a heading or inject HTML.
/// </summary>
public static class MarkdownText
{
    /// <summary>Escapes Markdown's specials and HTML's, keeps a table row on one line (newlines become spaces).</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
            sb.Append(ch switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '|' => "\\|",
                '\r' or '\n' => " ",
                '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~' => "\\" + ch,
                _ => ch.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>Text inside a code span: a backtick would close it, so it becomes a quote.</summary>
    public static string InCode(string text) => text.Replace('`', '\'');
}
