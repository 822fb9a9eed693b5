using System.Globalization;
using WasmPerfDiff.Workflows;
using Spectre.Console;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Cli.Views;

/// <summary>Renders the validation matrix: cases down, runtimes across, failure class per cell,
/// "≠ out" where the output differs from the case's reference.</summary>
public static class ValidationMatrixView
{
    /// <summary>The matrix of a finished session, then how it ended and how to continue it.</summary>
    public static void Print(CampaignResult result)
    {
        var o = result.Outcome;
        Render(AnsiConsole.Console, result.Matrix);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"campaign {o.CampaignId}: {o.End.ToWire()}, {o.RunsThisSession} runs now, {o.StoredRuns} stored in {result.Database} (seed {result.Settings.Seed}), {o.Elapsed.TotalSeconds:0.0} s")));
        if (o.End != CampaignEnd.Completed)
            AnsiConsole.MarkupLine(Markup.Escape($"continue with: wasm-perfdiff run --resume --db {result.Database}"));
    }

    public static void Render(IAnsiConsole console, ValidationMatrix m)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("validation matrix");
        table.AddColumn("case");
        foreach (var rt in m.Runtimes) table.AddColumn(new TableColumn(Markup.Escape(rt)).Centered());
        foreach (var c in m.Cases)
            table.AddRow([new Markup(Markup.Escape(c)), .. m.Runtimes.Select(rt => CellMarkup(m.Cell(c, rt)))]);
        console.Write(table);

        var failed = m.Failed.ToList();
        var divergent = m.Divergent.ToList();
        console.MarkupLine($"{m.Cells.Count(c => c.Runs > 0)}/{m.Cells.Count} cells ran, [red]{failed.Count}[/] failed, [yellow]{divergent.Count}[/] with differing output");
        foreach (var f in failed)
            console.MarkupLine($"  [red]{f.Status!.Value.ToWire()}[/] {Markup.Escape(f.Case)} @ {Markup.Escape(f.Runtime)}: {Markup.Escape(f.Message ?? "")}");
        foreach (var d in divergent)
            console.MarkupLine($"  [yellow]output differs[/] {Markup.Escape(d.Case)} @ {Markup.Escape(d.Runtime)} (vs {m.ReferenceSource.GetValueOrDefault(d.Case, "?")})");
    }

    private static Markup CellMarkup(ValidationCell? cell)
    {
        if (cell is null || cell.Status is null) return new Markup("[grey]–[/]");
        var s = cell.Status.Value;
        var text = s == RunStatus.Ok ? $"[green]ok[/] {cell.OkRuns}" : $"[red]{s.ToWire()}[/]";
        return new Markup(cell.OutputDiffers ? text + " [yellow]≠ out[/]" : text);
    }
}
