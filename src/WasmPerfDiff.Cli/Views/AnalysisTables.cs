using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Cli.Views;

/// <summary>Human-readable output of an analysis (Spectre.Console tables).</summary>
public static class AnalysisTables
{
    public static void Print(AnalysisResult r)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]{Wire.Name(r.Method)}[/] analysis of [bold]{Wire.Name(r.Phase)}[/] time: {r.Cases} cases × {r.Runtimes.Count} runtimes " +
                           $"({Markup.Escape(string.Join(", ", r.Runtimes))})");
        console.MarkupLine($"dropped (missing a runtime): {r.DroppedCases}, excluded: {r.ExcludedCases}" +
                           (r.Method == AnalysisMethod.Robust ? $", below the {r.FloorText}: {r.BelowFloorCases}, threshold {r.Threshold:0.##}×, phases by {r.MethodSummary}" : ""));
        if (r.MeansOnly)
            console.MarkupLine("[yellow]means only[/]: the input holds one mean per cell, so there are no confidence intervals and verdicts come from the factor alone");

        if (r.Method == AnalysisMethod.Warpdiff)
        {
            var table = new Table().AddColumns("#", "case", "distance", "slowest share", "deviation");
            for (var i = 0; i < r.Ranking.Count; i++)
            {
                var row = r.Ranking[i];
                var worst = row.Deviation.MaxBy(p => p.Value);
                table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(row.Case), row.Distance.ToString("0.0000", CultureInfo.InvariantCulture),
                    Markup.Escape(worst.Key), worst.Value.ToString("+0.000;-0.000", CultureInfo.InvariantCulture));
            }
            console.Write(table);
            if (r.Centre != null)
                console.MarkupLine("centre: " + Markup.Escape(string.Join(", ", r.Centre.Select(p => $"{p.Key} {p.Value:0.0000}"))));
            return;
        }

        foreach (var group in r.Findings.GroupBy(f => f.IsTiming ? "timing" : Wire.Name(f.Kind)))
        {
            var table = new Table { Title = new TableTitle(group.Key switch
            {
                "timing" => $"{Wire.Name(r.Phase)} anomalies",
                "startup" => "startup / load anomalies",
                "instability" => "unstable cells",
                "tier-inversion" => "tier inversions (optimizing tier no faster than its baseline tier)",
                _ => "correctness divergences",
            }) };
            var i = 0;
            if (group.Key == "instability")
            {
                // A ratio of spreads, not a slowdown: its own column, and no interval or verdict.
                table.AddColumns("#", "case", "runtime", "spread ratio", "phases", "detail");
                foreach (var f in group)
                    table.AddRow((++i).ToString(CultureInfo.InvariantCulture), Markup.Escape(f.Case), Markup.Escape(f.Runtime),
                        f.SpreadRatio is double q ? q.ToString("0.0", CultureInfo.InvariantCulture) + " × typical spread" : "",
                        f.Method is { } pm ? Wire.Name(pm) : "", Markup.Escape(f.Detail ?? ""));
                console.Write(table);
                continue;
            }
            table.AddColumns("#", "case", "runtime", "factor", "95% CI", "verdict", "kind", "phases", "excess", "peer / detail");
            foreach (var f in group)
                table.AddRow((++i).ToString(CultureInfo.InvariantCulture), Markup.Escape(f.Case), Markup.Escape(f.Runtime),
                    f.Factor is double x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "",
                    f.CiLow is double lo && f.CiHigh is double hi ? $"{lo.ToString("0.00", CultureInfo.InvariantCulture)}–{hi.ToString("0.00", CultureInfo.InvariantCulture)}" : "",
                    VerdictMarkup(f.Verdict), Wire.Name(f.Kind), f.Method is { } m ? Wire.Name(m) : "", f.Excess is { } e ? Wire.Name(e) + ExcessInterval(f) : "",
                    Markup.Escape(f.Kind == FindingKind.TierInversion ? $"vs {f.Peer}: {f.Detail}" : f.Peer ?? f.Detail ?? "") + (f.HostLayer is HostLayer.Ours ? " [yellow]host layer: ours[/]" : ""));
            console.Write(table);
        }
        if (r.Findings.Count == 0) console.MarkupLine("no findings");
        if (r.Fingerprint is { } fp) PrintFingerprint(fp, r.Findings);
    }

    /// <summary>The fingerprint as construct rows × runtime columns (relative cost against the peers; "–" missing), then each finding's explanations.</summary>
    private static void PrintFingerprint(ConstructFingerprint fp, IReadOnlyList<Finding> findings)
    {
        var console = AnsiConsole.Console;
        var table = new Table { Title = new TableTitle("construct fingerprint: cost against the peers (× [95 % CI]; red = slow beyond noise, ? = undecided, – = did not run)") };
        table.AddColumn("construct");
        foreach (var rt in fp.Runtimes) table.AddColumn(Markup.Escape(rt));
        foreach (var c in fp.Constructs)
            table.AddRow([Markup.Escape(c), .. fp.Runtimes.Select(rt => fp.Cell(c, rt) is { Relative: double x } cell
                ? (cell.IsSlow(ConstructExplanations.MinRelative) ? $"[red]{F(x)}[/]" : F(x) + (cell.IsUndecided(ConstructExplanations.MinRelative) ? "?" : ""))
                  + (cell.CiLow is double lo && cell.CiHigh is double hi ? Markup.Escape($" [{F(lo)}, {F(hi)}]") : "")
                : "–")]);
        console.Write(table);
        foreach (var f in findings.Where(f => f.Explanations is { Count: > 0 }))
        {
            console.MarkupLine($"[bold]{Markup.Escape(f.Case)}[/] on [bold]{Markup.Escape(f.Runtime)}[/]:");
            foreach (var e in f.Explanations!) console.MarkupLine("  " + Markup.Escape(e.Text));
        }
    }

    /// <summary>" [12–40 %]": the 95 % interval of the share of the excess that grows with the work.</summary>
    private static string ExcessInterval(Finding f) => f.ExcessShareLow is double lo && f.ExcessShareHigh is double hi
        ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $" [{lo * 100:0}–{hi * 100:0} %]")) : "";

    private static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string VerdictMarkup(Verdict? verdict) => verdict switch
    {
        Verdict.Anomaly => "[red]anomaly[/]",
        Verdict.Undecided => "[yellow]undecided[/]",
        Verdict.NoAnomaly => "[green]no-anomaly[/]",
        _ => "",
    };
}
