using System.CommandLine;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Reporting;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>report</c>: the HTML report (and optionally Markdown) of a campaign database. Exit 0 when written,
/// 2 when the database is missing or holds no campaign.
/// </summary>
public static class ReportVerb
{
    public static Command Create()
    {
        var db = CampaignDbOption.Create();
        var output = new Option<string>("--out", "-o") { Description = "HTML report file to write", DefaultValueFactory = _ => "report.html" };
        var md = new Option<string?>("--md") { Description = "also write the Markdown variant (for an issue tracker) to this file" };
        var threshold = new Option<double>("--threshold") { Description = "slowdown factor that makes an anomaly", DefaultValueFactory = _ => AnalysisOptions.DefaultThreshold };
        var floor = new Option<double?>("--floor-ms") { Description = "a fixed floor: leave cases whose fastest runtime is quicker than this out of the ranked list (default: the precision rule, see DurationFloor)" };
        var flames = new Option<string?>("--flame-graphs") { Description = "folder of flame graphs named <finding-id>*.svg (or written by `profile --db --findings`) to link under their findings; with --constructs its profiles also weight the explanations by hot functions" };
        var constructs = new Option<string?>("--constructs") { Description = "campaign database of the `gen constructs` corpus: adds the construct heatmap and explains each finding" };
        var json = CommonOptions.Json();
        var cmd = new Command("report", "write a self-contained HTML report (and Markdown) of a campaign database")
        {
            db, output, md, threshold, floor, flames, constructs, json,
        };
        cmd.SetAction((ParseResult pr, CancellationToken ct) =>
        {
            var options = new ReportOptions { Threshold = pr.GetValue(threshold), FloorMs = pr.GetValue(floor), FlameGraphDir = pr.GetValue(flames),
                ConstructsDatabase = pr.GetValue(constructs) };
            var (model, files) = ReportWorkflow.Write(new ReportRequest(pr.GetValue(db)!, pr.GetValue(output)!, pr.GetValue(md), options));
            if (pr.GetValue(json)) JsonOutput.Print(ReportDocument.From(model, files));
            else ReportSummaryView.Print(Spectre.Console.AnsiConsole.Console, model, files);
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }
}
