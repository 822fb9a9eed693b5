using System.CommandLine;

namespace WasmPerfDiff.Cli.Options;

/// <summary>The <c>--db</c> option shared by run, export and import: one SQLite file per campaign.</summary>
public static class CampaignDbOption
{
    public const string DefaultFile = WasmPerfDiff.Workflows.CampaignRequest.DefaultDatabase;

    public static Option<string> Create() => new("--db")
    {
        Description = $"campaign database file (SQLite; default {DefaultFile})",
        DefaultValueFactory = _ => DefaultFile,
    };
}
