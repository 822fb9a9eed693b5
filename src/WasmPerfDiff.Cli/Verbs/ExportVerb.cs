using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Exporters;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>export</c>: raw rows (csv, json: one per run, every campaign in the file) or a per-cell
/// summary (md). Writes to --out or stdout. Exit 0, or 2 when the database is missing.
/// </summary>
public static class ExportVerb
{
    public static Command Create()
    {
        var db = CampaignDbOption.Create();
        var format = WireOption.Create<ExportFormat>("--format", null, "csv | json (raw rows) or md (per-cell summary)");
        var output = new Option<string?>("--out") { Description = "file to write (default: stdout)" };
        var cmd = new Command("export", "export a campaign's runs as CSV/JSON rows or a Markdown summary") { db, format, output };
        cmd.SetAction((ParseResult pr) =>
        {
            ExportWorkflow.Write(new ExportRequest(pr.GetValue(db)!, pr.GetValue(format), pr.GetValue(output)), Console.Out);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
