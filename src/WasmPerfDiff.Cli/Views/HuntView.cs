using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Exporters;
using WasmPerfDiff.Exporters.Documents;

namespace WasmPerfDiff.Cli.Views;

/// <summary>The summary of a hunt: what was tried, and each confirmed group with its factor and interval.</summary>
public static class HuntView
{
    public static void Print(HuntDocument d)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine(Markup.Escape($"{d.Rounds.Count} rounds in {d.Seconds / 60:0.#} min ({HuntMarkdown.Ended(d.End)}): {d.ProgramsTried} programs generated, {d.ProgramsKept} kept, " +
                                         $"{d.Candidates} candidate cells, {d.ConfirmedFindings} confirmed, {d.Groups.Count} groups"));
        if (d.Groups.Count > 0)
        {
            var table = new Table { Title = new TableTitle("confirmed groups (one root cause counts once)") }
                .AddColumns("runtime", "pattern", "kind", "factor", "95% CI", "programs", "folder");
            foreach (var g in d.Groups)
                table.AddRow(Markup.Escape(g.Runtime), Markup.Escape(g.Pattern), Wire.Name(g.Kind),
                    g.Factor is double f ? f.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "",
                    g.CiLow is double lo && g.CiHigh is double hi ? $"{lo.ToString("0.00", CultureInfo.InvariantCulture)}–{hi.ToString("0.00", CultureInfo.InvariantCulture)}" : "",
                    g.Members.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(g.Folder));
            console.Write(table);
        }
        console.MarkupLine(Markup.Escape($"wrote {Path.Combine(d.Out, "hunt.md")}, hunt.json, findings/ and reports/ in {d.Out}"));
    }
}
