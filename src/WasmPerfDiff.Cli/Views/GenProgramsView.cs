using Spectre.Console;
using WasmPerfDiff.Exporters.Documents;

namespace WasmPerfDiff.Cli.Views;

/// <summary>The summary of <c>gen programs</c>: kept / rejected, the reasons, and the kept programs per hot spot.</summary>
public static class GenProgramsView
{
    public static void Print(GenProgramsDocument d)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine(Markup.Escape($"generated {d.Generated}, kept {d.Kept}, rejected {d.Generated - d.Kept} in {d.Seconds:0} s (seed {d.Seed}, native {d.MinMs:0.#}–{d.MaxMs:0.#} ms, reference {d.ReferenceRuntime})"));
        if (d.RejectedBy.Count > 0)
        {
            var reasons = new Table { Title = new TableTitle("rejected, by reason") }.AddColumns("reason", "programs");
            foreach (var (reason, n) in d.RejectedBy) reasons.AddRow(Markup.Escape(reason), n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            console.Write(reasons);
        }
        var byPattern = new Table { Title = new TableTitle("kept, by hot spot") }.AddColumns("hot spot", "kept", "rejected");
        foreach (var g in d.Programs.Select(p => p.Pattern).Concat(d.Rejected.Select(r => r.Pattern)).Distinct().Order(StringComparer.Ordinal))
            byPattern.AddRow(Markup.Escape(g), d.Programs.Count(p => p.Pattern == g).ToString(System.Globalization.CultureInfo.InvariantCulture),
                d.Rejected.Count(r => r.Pattern == g).ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(byPattern);
        console.MarkupLine(Markup.Escape($"wrote {d.Kept} programs to {d.Out}; run them with: run --corpus {d.Out} --db programs.db"));
    }
}
