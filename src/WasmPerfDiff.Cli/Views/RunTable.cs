using Spectre.Console;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Cli.Views;

/// <summary>Console table of runs: one row per run with status, times, memory, phases and output hash.</summary>
public static class RunTable
{
    public static void Write(IReadOnlyList<RunResult> runs)
    {
        var table = new Table().RoundedBorder()
            .AddColumns("runtime", "status", "exit", "wall ms", "user ms", "sys ms", "max RSS", "startup", "compile", "inst.", "execute", "teardown", "stdout");
        foreach (var c in table.Columns.Skip(2)) c.RightAligned();
        var majority = runs.GroupBy(r => r.StdoutSha256).OrderByDescending(g => g.Count()).First().Key;
        foreach (var r in runs)
        {
            var status = r.Status == RunStatus.Ok ? $"[green]{r.Status.ToWire()}[/]" : $"[red]{r.Status.ToWire()}[/]";
            var hash = r.StdoutSha256.Length >= 12 ? r.StdoutSha256[..12] : "-";
            var stdout = $"{r.StdoutBytes} B {(r.StdoutSha256 == majority ? hash : $"[yellow]{hash}[/]")}";
            table.AddRow(Markup.Escape(r.Runtime), status, r.ExitCode?.ToString() ?? (r.Signal is int s ? $"sig {s}" : "-"),
                Ms(r.WallMs), Ms(r.UserMs), Ms(r.SysMs), r.MaxRssKb > 0 ? $"{r.MaxRssKb / 1024.0:F1} MB" : "?",
                Ms(r.Phases.StartupMs), Ms(r.Phases.CompileMs), Ms(r.Phases.InstantiateMs), Ms(r.Phases.ExecuteMs), Ms(r.Phases.TeardownMs), stdout);
        }
        AnsiConsole.Write(table);
        foreach (var r in runs.Where(r => r.Message is not null))
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Runtime)}:[/] {Markup.Escape(r.Message!)}");
    }

    private static string Ms(double? ms) => ms switch { null => "-", < 10 => $"{ms:F2}", < 1000 => $"{ms:F1}", _ => $"{ms:F0}" };
}
