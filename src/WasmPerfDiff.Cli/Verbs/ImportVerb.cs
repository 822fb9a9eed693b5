using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>import db OTHER.db</c>: merge another shard's campaign (same corpus: case hashes must match,
/// else exit 2). <c>import warpdiff DIR</c>: WarpDiff's published means as a means-only campaign.
/// </summary>
public static class ImportVerb
{
    public static Command Create() =>
        new("import", "merge another campaign database, or import WarpDiff's published data") { Subcommands = { Db(), WarpDiff() } };

    private static Command Db()
    {
        var other = new Argument<string>("other") { Description = "campaign database to merge in (a shard)" };
        var db = CampaignDbOption.Create();
        var json = CommonOptions.Json("print the merge result as JSON");
        var cmd = new Command("db", "merge the campaigns of another database run on the same corpus") { other, db, json };
        cmd.SetAction((ParseResult pr) =>
        {
            var (target, r) = ImportWorkflow.MergeDatabase(pr.GetValue(other)!, pr.GetValue(db)!);
            if (pr.GetValue(json)) JsonOutput.Print(MergeDocument.From(target, r));
            else Console.WriteLine($"merged {Path.GetFullPath(pr.GetValue(other)!)} into {target}: {r.CampaignsAdded} campaigns, {r.RunsAdded} runs added ({r.RunsAlreadyPresent} already present), {r.CasesAdded} new cases");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command WarpDiff()
    {
        var dir = new Argument<string>("dir") { Description = "folder holding WarpDiff's profiling_data (or profiling_data itself)" };
        var opt = new Option<string>("--opt") { Description = "optimization level folder", DefaultValueFactory = _ => "O2" };
        var db = CampaignDbOption.Create();
        var json = CommonOptions.Json("print the import result as JSON");
        var cmd = new Command("warpdiff", "import WarpDiff's published means as a means-only campaign") { dir, opt, db, json };
        cmd.SetAction((ParseResult pr) =>
        {
            var (target, r) = ImportWorkflow.ImportWarpDiff(pr.GetValue(dir)!, pr.GetValue(opt)!, pr.GetValue(db)!);
            if (pr.GetValue(json)) JsonOutput.Print(WarpDiffImportDocument.From(target, r));
            else Console.WriteLine($"imported WarpDiff {pr.GetValue(opt)} into {target}: {r.Cases} cases × {r.Runtimes} runtimes, {r.Runs} published means (campaign {r.CampaignId}, means only)");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
