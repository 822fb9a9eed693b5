using System.CommandLine;
using Spectre.Console;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>bisect --case C --versions A,…,Z</c>: binary search over ordered versions (node@N or configured runtime names)
/// for the first one slower than the first, each step a compare. Exit 0 when a first slow version is found or
/// there is no slowdown; 1 when the data do not decide (unsure); 2: bad usage.
/// </summary>
public static class BisectVerb
{
    public static Command Create()
    {
        var @case = new Option<string>("--case") { Description = "the case that got slower", Required = true };
        var versions = new Option<string>("--versions") { Description = "ordered, comma-separated: the good baseline first, the slow end last (node@20,node@22,node@24 or runtime names)", Required = true };
        var dir = new Option<string?>("--dir") { Description = "folder for the steps' databases (default: ./bisect-CASE-TIME)" };
        var noInstall = new Option<bool>("--no-install") { Description = "do not install missing node@N versions (runtimes install)" };
        var json = CommonOptions.Json();
        var shared = new CompareOptions();
        var cmd = new Command("bisect", "find the first version in an ordered list that is slower than the first on one case") { @case, versions, dir, noInstall, json };
        foreach (var o in shared.All) cmd.Options.Add(o);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var name = pr.GetValue(@case)!;
            var request = new BisectRequest
            {
                Case = name, Versions = CommonOptions.SplitList(pr.GetValue(versions)),
                Directory = pr.GetValue(dir) ?? $"bisect-{string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'))}-{DateTime.Now:yyyyMMdd-HHmmss}",
                Threshold = shared.ThresholdFraction(pr), Metric = pr.GetValue(shared.Metric), Settings = shared.Settings(pr, null), Seed = pr.GetValue(shared.Seed),
                CorpusDirectory = pr.GetValue(shared.Corpus), ConfigPath = pr.GetValue(CommonOptions.Config), Install = !pr.GetValue(noInstall),
            };
            var err = CampaignProgressBar.StderrConsole();
            var result = await BisectWorkflow.RunAsync(request, new Progress<string>(m => err.MarkupLine(Markup.Escape(m))), ct);
            if (pr.GetValue(json)) JsonOutput.Print(BisectDocument.From(result));
            else BisectView.Print(result);
            return result.End == Analysis.BisectEnd.Unsure ? ExitCodes.Found : ExitCodes.Ok;
        });
        return cmd;
    }
}
