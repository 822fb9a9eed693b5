using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Cli.Campaigns;
using WasmPerfDiff.Store;
using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>wasm-perfdiff analyze</c>: ranks performance anomalies of a campaign (<c>--db</c>) or of WarpDiff's
/// published means (<c>--warpdiff</c>). Exit 0 whenever the analysis ran (findings are results, not failures).
/// </summary>
public static class AnalyzeVerb
{
    public static Command Create()
    {
        var db = new Option<FileInfo?>("--db") { Description = $"campaign database (SQLite) to analyse (default {CampaignDbOption.DefaultFile})" };
        var warpdiff = new Option<DirectoryInfo?>("--warpdiff") { Description = "folder with WarpDiff's published profiling_data (means of 10 runs)" };
        var method = new Option<string>("--method") { Description = "robust (consensus + peers + bootstrap) or warpdiff (L2 distance ranking)", DefaultValueFactory = _ => "robust" };
        method.AcceptOnlyFromAmong("robust", "warpdiff");
        var phase = new Option<string>("--phase") { Description = "execution (measured work), total (wall time) or load (startup + compile + instantiate)", DefaultValueFactory = _ => "execution" };
        phase.AcceptOnlyFromAmong("execution", "total", "load");
        var exclude = new Option<string?>("--exclude") { Description = "comma-separated cases to leave out (full name or program name without the suite)" };
        var runtimes = new Option<string?>("--runtimes") { Description = "comma-separated runtimes to compare, in this order (default: all, by name)" };
        var top = new Option<int?>("--top") { Description = "show at most N findings of each kind" };
        var threshold = new Option<double>("--threshold") { Description = "slowdown factor that makes an anomaly", DefaultValueFactory = _ => AnalysisOptions.DefaultThreshold };
        var floor = new Option<double?>("--floor-ms") { Description = "a fixed floor: leave cases whose fastest runtime is quicker than this out of the ranked list (default: the precision rule, see DurationFloor)" };
        var seed = new Option<int>("--seed") { Description = "bootstrap seed", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print one JSON document" };
        var classify = new Option<bool>("--classify-excess") { Description = "rerun the top findings' cells and peers at twice the size and class each excess as fixed or throughput (needs --db and the runtimes)" };

        var cmd = new Command("analyze", "rank runtime performance anomalies (robust consensus/peer model or WarpDiff's method)");
        foreach (var o in new Option[] { db, warpdiff, method, phase, exclude, runtimes, top, threshold, floor, seed, json, classify })
            cmd.Options.Add(o);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var dbFile = pr.GetValue(db);
            var wdDir = pr.GetValue(warpdiff);
            if (dbFile is not null && wdDir is not null)
                throw new BadInputException("give one of --db FILE or --warpdiff DIR, not both");
            if (wdDir is null) dbFile ??= new FileInfo(CampaignDbOption.DefaultFile);

            IReadOnlyList<CaseRun> runs;
            bool meansOnly;
            IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyList<double>>? baselines = null;
            if (wdDir != null)
            {
                if (!wdDir.Exists) throw new BadInputException($"--warpdiff: folder '{wdDir.FullName}' does not exist");
                runs = WarpDiffData.ToCaseRuns(WarpDiffData.Read(wdDir.FullName));
                meansOnly = true;
            }
            else
            {
                if (!dbFile!.Exists) throw new BadInputException($"--db: file '{dbFile.FullName}' does not exist");
                using var store = CampaignStore.OpenExisting(dbFile.FullName);
                runs = store.ReadCaseRuns();
                baselines = store.BaselineWalls();
                // Imported published means and measured runs never mix in one file, so one flag says it.
                meansOnly = store.Campaigns().Any(c => c.MeansOnly);
            }

            var options = new AnalysisOptions
            {
                Method = pr.GetValue(method) == "warpdiff" ? AnalysisMethod.Warpdiff : AnalysisMethod.Robust,
                Phase = pr.GetValue(phase) switch { "total" => AnalysisPhase.Total, "load" => AnalysisPhase.Load, _ => AnalysisPhase.Execution },
                Exclude = SplitList(pr.GetValue(exclude)),
                Runtimes = SplitList(pr.GetValue(runtimes)) is { Count: > 0 } list ? list : null,
                Top = pr.GetValue(top),
                Threshold = pr.GetValue(threshold),
                FloorMs = pr.GetValue(floor),
                Baselines = baselines,
                Seed = pr.GetValue(seed),
                MeansOnly = meansOnly,
            };
            var result = DifferentialAnalysis.Analyze(runs, options);
            if (pr.GetValue(classify))
            {
                if (dbFile is null) throw new BadInputException("--classify-excess reruns cells of a campaign: give --db");
                using var store = CampaignStore.OpenExisting(dbFile.FullName);
                result = await Workflows.ExcessClassification.ClassifyAsync(result, store,
                    new Workflows.ExcessOptions { ConfigPath = pr.GetValue(CommonOptions.Config) }, null, ct);
            }
            if (pr.GetValue(json)) JsonOutput.Print(result);
            else AnalysisTables.Print(result);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Comma-separated list → trimmed, non-empty entries.</summary>
    public static IReadOnlyList<string> SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Human-readable output of an analysis (Spectre.Console tables).</summary>
internal static class AnalysisTables
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
                _ => "correctness divergences",
            }) };
            table.AddColumns("#", "case", "runtime", "factor", "95% CI", "verdict", "kind", "phases", "excess", "peer / detail");
            var i = 0;
            foreach (var f in group)
                table.AddRow((++i).ToString(CultureInfo.InvariantCulture), Markup.Escape(f.Case), Markup.Escape(f.Runtime),
                    f.Factor is double x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "",
                    f.CiLow is double lo && f.CiHigh is double hi ? $"{lo.ToString("0.00", CultureInfo.InvariantCulture)}–{hi.ToString("0.00", CultureInfo.InvariantCulture)}" : "",
                    VerdictMarkup(f.Verdict), Wire.Name(f.Kind), f.Method is { } m ? Wire.Name(m) : "", f.Excess is { } e ? Wire.Name(e) : "",
                    Markup.Escape(f.Peer ?? f.Detail ?? ""));
            console.Write(table);
        }
        if (r.Findings.Count == 0) console.MarkupLine("no findings");
    }

    private static string VerdictMarkup(Verdict? verdict) => verdict switch
    {
        Verdict.Anomaly => "[red]anomaly[/]",
        Verdict.Undecided => "[yellow]undecided[/]",
        Verdict.NoAnomaly => "[green]no-anomaly[/]",
        _ => "",
    };
}
