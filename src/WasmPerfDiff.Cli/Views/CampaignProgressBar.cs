using Spectre.Console;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Cli.Views;

/// <summary>
/// The run verb's progress bar, drawn on stderr so stdout stays free for results (and for the one
/// JSON document with --json). The bar's total is done + the most runs still possible, so it
/// never overshoots; the ETA is the matching upper bound.
/// </summary>
public sealed class CampaignProgressBar(ProgressTask task) : IProgress<CampaignProgress>
{
    public static IAnsiConsole StderrConsole() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static async Task<T> RunAsync<T>(Func<IProgress<CampaignProgress>, Task<T>> work)
    {
        var console = StderrConsole();
        if (!console.Profile.Capabilities.Interactive)
            return await work(new LineProgress(Console.Error)); // logs and CI: a line now and then, no redraws
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx => await work(new CampaignProgressBar(ctx.AddTask("campaign", maxValue: 1))));
    }

    public void Report(CampaignProgress p)
    {
        task.MaxValue = Math.Max(1, p.DoneRuns + p.RemainingRunsAtMost);
        task.Value = p.DoneRuns;
        task.Description = Markup.Escape(Describe(p));
    }

    public static string Describe(CampaignProgress p) =>
        $"{p.DoneRuns} runs, ≤{p.RemainingRunsAtMost} left, ETA ≤{Eta(p.EtaAtMost)}, " +
        $"cells {p.SettledCells} settled / {p.ActiveCells} open ({p.UndecidedCells} undecided) of {p.TotalCells}, {p.Failures} failed · {p.Phase} {p.CurrentCell}";

    private static string Eta(TimeSpan? t) => t is { } v ? v.ToString(v.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss") : "?";

    /// <summary>Non-interactive fallback: one line at most every few seconds.</summary>
    private sealed class LineProgress(TextWriter log) : IProgress<CampaignProgress>
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
        private TimeSpan _last = -Every;

        public void Report(CampaignProgress p)
        {
            if (p.Elapsed - _last < Every && p.Phase != "done") return;
            _last = p.Elapsed;
            log.WriteLine(Describe(p));
        }
    }
}
