using System.CommandLine;
using Spectre.Console;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Campaigns.Calibration;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>calibrate</c>: choose each case's <c>default</c> size so the reference runtime's execution phase lands
/// within 2× of a target, and record it in the corpus manifest with the expected output of the new size.
/// Exit 1 when some case could not be brought within 2×.
/// </summary>
public static class CalibrateVerb
{
    public static Command Create()
    {
        var runtime = new Option<string>("--runtime") { Description = "Reference runtime", DefaultValueFactory = _ => "wasmtime-cranelift" };
        var target = new Option<double>("--target-ms") { Description = "Target execution time of the reference runtime", DefaultValueFactory = _ => 500 };
        var corpus = new Option<string?>("--corpus") { Description = "Corpus directory (default: the project's corpus)" };
        var cases = new Option<string?>("--cases") { Description = "Glob on case names, e.g. 'flops*'" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Measure and show, but leave the manifest as it is" };
        var json = CommonOptions.Json();
        var command = new Command("calibrate", "Pick each case's default size so the reference runtime's execution takes about --target-ms")
        {
            runtime, target, corpus, cases, dryRun, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var targetMs = parse.GetValue(target);
            if (!(targetMs > 0)) throw new BadInputException("--target-ms must be positive");
            var set = CorpusSet.Locate(parse.GetValue(corpus));
            if (set.IsForeign) throw new BadInputException($"'{set.Directory}' is a foreign corpus: its sizes live in NAME.args files, not in a manifest");
            var reference = RuntimeCatalog.Load(parse.GetValue(CommonOptions.Config)).Select([parse.GetValue(runtime)!]).Single();
            if (reference.Detect() is { Available: false } missing) throw new BadInputException($"{reference.Name} is not available: {missing.Reason}");
            var selected = set.Cases.Where(c => CampaignCases.Matches(parse.GetValue(cases), c.Name)).ToList();
            if (selected.Count == 0) throw new BadInputException("no case matches --cases");

            var calibrator = new SizeCalibrator(set, reference, targetMs);
            var results = new List<CalibrationResult>();
            var quiet = parse.GetValue(json);
            foreach (var c in selected)
            {
                var r = await calibrator.CalibrateAsync(c, ct);
                results.Add(r);
                if (!quiet)
                    AnsiConsole.MarkupLine(Markup.Escape($"{r.Case,-24} {r.OldSize ?? "-",8} → {r.NewSize ?? "-",-8} {(r.ExecuteMs is double ms ? $"{ms,8:F0} ms" : "")}  {r.Note}"));
            }

            var changed = results.Where(r => r.Changed).ToList();
            if (!parse.GetValue(dryRun) && changed.Count > 0)
            {
                var updated = await ManifestSizes.RecordDefaultsAsync(set, changed, reference, ct);
                if (!quiet) AnsiConsole.MarkupLine(Markup.Escape($"recorded {changed.Count} new default sizes in {updated}"));
            }

            if (quiet) JsonOutput.Print(new { runtime = reference.Name, target_ms = targetMs, cases = results });
            var outside = results.Count(r => r.ExecuteMs is double ms && (ms < targetMs / SizeSearch.Tolerance || ms > targetMs * SizeSearch.Tolerance));
            return outside == 0 ? ExitCodes.Ok : ExitCodes.Found;
        });
        return command;
    }
}
