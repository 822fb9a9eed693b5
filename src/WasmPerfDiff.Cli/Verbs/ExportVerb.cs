using System.CommandLine;
using System.Text.Json;
using WasmPerfDiff.Cli.Campaigns;
using WasmPerfDiff.Store;
using WasmPerfDiff.Exporters;

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
        var format = new Option<string>("--format") { Description = "csv | json (raw rows) or md (per-cell summary)", Required = true };
        format.AcceptOnlyFromAmong("csv", "json", "md");
        var output = new Option<string?>("--out") { Description = "file to write (default: stdout)" };
        var cmd = new Command("export", "export a campaign's runs as CSV/JSON rows or a Markdown summary") { db, format, output };
        cmd.SetAction((ParseResult pr) =>
        {
            using var store = CampaignStore.OpenExisting(pr.GetValue(db)!);
            var path = pr.GetValue(output);
            using var writer = path is null ? Console.Out : new StreamWriter(path);
            switch (pr.GetValue(format))
            {
                case "csv":
                    RunCsv.Write(writer, store.ReadRows());
                    break;
                case "json":
                    // One document: the campaigns (with settings and hosts) and every run.
                    writer.WriteLine(JsonSerializer.Serialize(new
                    {
                        campaigns = store.Campaigns().Select(c => new
                        {
                            c.Id, c.Origin, c.Created, settings = JsonDocument.Parse(c.SettingsJson).RootElement, c.Seed, host = c.Host, c.MeansOnly,
                        }),
                        runs = store.ReadRows().Select(ExportRow.From),
                    }, WireJson.Document));
                    break;
                default:
                    CellSummaryMarkdown.Write(writer, store.ReadCaseRuns(), store.Campaigns().Any(c => c.MeansOnly));
                    break;
            }
            writer.Flush();
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
