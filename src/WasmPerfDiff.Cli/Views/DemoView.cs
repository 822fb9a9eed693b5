using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Views;

/// <summary>What <c>demo</c> shows: its plan on stderr before the campaign, then the report summary and the closing line.</summary>
public static class DemoView
{
    public static void PrintPlan(DemoPlanInfo plan)
    {
        var err = CampaignProgressBar.StderrConsole();
        var s = plan.Settings;
        err.MarkupLine(Markup.Escape(FormattableString.Invariant(
            $"demo: {plan.Cases} cases × {plan.Runtimes.Count} runtimes ({string.Join(", ", plan.Runtimes)}), size '{s.Size}', ") +
            FormattableString.Invariant($"{DemoPlan.MinRuns}–{DemoPlan.MaxRuns} runs per cell, budget {plan.Budget:g} (campaign {s.MaxTime:g})")));
        if (s.Size == DemoPlan.FallbackSize)
            err.MarkupLine(Markup.Escape("size 'test': many cases run under the floor and are shown but not ranked; --size default runs the calibrated sizes (give it --max-time 1h or more)"));
        err.MarkupLine(Markup.Escape("once a tenth of the budget is spent, and after each round, the minimum runs are fitted to the budget from what the runs cost: cases that cannot get them are dropped, the most expensive first"));
    }

    public static DemoCampaignSection Campaign(DemoResult r) => new(
        r.Outcome.CampaignId, r.Outcome.End.ToWire(), r.Plan.Cases, r.Plan.Runtimes.Count, r.Outcome.StoredRuns, r.Plan.Settings.Size,
        r.Plan.Budget.TotalSeconds, Math.Round(r.Outcome.Elapsed.TotalSeconds, 1), Math.Round(r.Elapsed.TotalSeconds, 1), r.Plan.Settings.Seed,
        r.Outcome.DroppedCases);

    public static void Print(DemoResult r)
    {
        ReportSummaryView.Print(AnsiConsole.Console, r.Report, r.Files);
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"demo {r.Outcome.End.ToWire()}: {r.Plan.Cases} cases × {r.Plan.Runtimes.Count} runtimes, {r.Outcome.StoredRuns} runs in {r.Elapsed.TotalSeconds:0} s (budget {r.Plan.Budget.TotalSeconds:0} s, size {r.Plan.Settings.Size})")));
        if (r.Outcome.Budget is { } b)
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"plan at {b.At.TotalSeconds:0} s: {DemoPlan.MinRuns} runs per cell need {b.Needed.TotalSeconds:0} s more, {b.Left.TotalSeconds:0} s left: ") +
                (r.Outcome.DroppedCases.Count == 0 ? "every case kept"
                    : $"dropped {r.Outcome.DroppedCases.Count} case(s), the most expensive: {string.Join(", ", r.Outcome.DroppedCases)}")));
        if (r.Outcome.End != CampaignEnd.Completed)
            AnsiConsole.MarkupLine(Markup.Escape($"the budget ended the campaign early: give --max-time more, or continue it with: wasm-perfdiff run --resume --db {r.Database}"));
    }
}
