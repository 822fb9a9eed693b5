using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Views;

/// <summary><c>reduce</c>'s progress line (stderr) and its result: a table of reductions and the duplicate groups.</summary>
public static class ReduceView
{
    public static Task<ReduceResult> RunAsync(Func<IProgress<ReduceProgress>, Task<ReduceResult>> work, bool quiet) =>
        work(new LineProgress(Console.Error, quiet));

    public static string Describe(ReduceProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"reduce {p.Name}: {p.SizeNow} (from {p.SizeAtStart}), factor {(p.Factor is double f ? $"×{f:0.00}" : "?")}, " +
        $"{p.Tried} steps tried, {p.Kept} kept, {p.Left:h\\:mm\\:ss} left");

    public static void Print(ReduceResult r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("reductions");
        table.AddColumns("case", "runtime", "level", "size before → after", "factor before → after", "steps tried/kept", "end", "dominant construct", "folder");
        foreach (var s in r.Reductions)
            table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Target), s.Level.ToWire(), Markup.Escape($"{s.Before.Describe(s.Level)} → {s.After.Describe(s.Level)}"),
                Markup.Escape($"{Factor(s.BeforeCheck)} → {(s.AfterCheck is { } a ? Factor(a) : "not measured")}"), $"{s.Tried}/{s.Kept}", s.End.ToWire(),
                Markup.Escape(s.Construct?.OpcodeClass ?? ""), Markup.Escape(s.OutDirectory));
        AnsiConsole.Write(table);
        foreach (var line in DuplicateLines(r)) AnsiConsole.MarkupLine(Markup.Escape(line));
    }

    /// <summary>One line per group of more than one finding: those are the ones to report once.</summary>
    public static IEnumerable<string> DuplicateLines(ReduceResult r) => r.Groups.Where(g => g.Cases.Count > 1)
        .Select(g => $"likely one root cause: {string.Join(", ", g.Cases)} reduce to {g.Construct} on {g.Runtime}");

    public static ReduceResultDocument Document(ReduceResult r) => new(
        r.Reductions.Select(ReduceDocument.From).ToList(),
        r.Groups.Select(g => new ReduceResultDocument.Group(g.Runtime, g.Construct, g.Cases, g.Cases.Count > 1)).ToList());

    private static string Factor(CheckOutcome c) => c.Decision is { Factor: double f, Low: double lo, High: double hi }
        ? string.Create(CultureInfo.InvariantCulture, $"×{f:0.00} [{lo:0.00}, {hi:0.00}]") : "–";

    /// <summary>A line when a step was tried, else every 30 s (time left); nothing with --json's quiet.</summary>
    private sealed class LineProgress(TextWriter log, bool quiet) : IProgress<ReduceProgress>
    {
        private int _tried = -1;
        private DateTime _last = DateTime.MinValue;

        public void Report(ReduceProgress p)
        {
            if (quiet || (p.Tried == _tried && DateTime.UtcNow - _last < TimeSpan.FromSeconds(30))) return;
            (_tried, _last) = (p.Tried, DateTime.UtcNow);
            log.WriteLine(Describe(p));
        }
    }
}
