using System.CommandLine;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Cli.Campaigns;
using WasmPerfDiff.Cli.Reporting;
using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>report</c>: the HTML report (and optionally Markdown) of a campaign database. Exit 0 when written,
/// 2 when the database is missing or holds no campaign.
/// </summary>
public static class ReportVerb
{
    public const string DefaultHtml = "report.html";

    public static Command Create()
    {
        var db = CampaignDbOption.Create();
        var output = new Option<string>("--out", "-o") { Description = "HTML report file to write", DefaultValueFactory = _ => DefaultHtml };
        var md = new Option<string?>("--md") { Description = "also write the Markdown variant (for an issue tracker) to this file" };
        var threshold = new Option<double>("--threshold") { Description = "slowdown factor that makes an anomaly", DefaultValueFactory = _ => AnalysisOptions.DefaultThreshold };
        var floor = new Option<double?>("--floor-ms") { Description = "a fixed floor: leave cases whose fastest runtime is quicker than this out of the ranked list (default: the precision rule, see DurationFloor)" };
        var flames = new Option<string?>("--flame-graphs") { Description = "folder of flame graphs named <finding-id>*.svg to link under their findings" };
        var json = CommonOptions.Json();
        var cmd = new Command("report", "write a self-contained HTML report (and Markdown) of a campaign database")
        {
            db, output, md, threshold, floor, flames, json,
        };
        cmd.SetAction((ParseResult pr, CancellationToken ct) =>
        {
            var model = ReportBuilder.Build(pr.GetValue(db)!, new ReportOptions { Threshold = pr.GetValue(threshold), FloorMs = pr.GetValue(floor), FlameGraphDir = pr.GetValue(flames) });
            var files = ReportFiles.Write(model, pr.GetValue(output)!, pr.GetValue(md), pr.GetValue(db)!);
            if (pr.GetValue(json)) JsonOutput.Print(ReportJson.Of(model, files));
            else ReportSummaryView.Print(Spectre.Console.AnsiConsole.Console, model, files);
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }
}
