using System.CommandLine;
using WasmPerfDiff.Cli.Campaigns;
using WasmPerfDiff.Store;
using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>import db OTHER.db</c>: merge another shard's campaign (same corpus: case hashes must match,
/// else exit 2). <c>import warpdiff DIR</c>: WarpDiff's published means as a means-only campaign.
/// </summary>
public static class ImportVerb
{
    public static Command Create()
    {
        var cmd = new Command("import", "merge another campaign database, or import WarpDiff's published data");
        cmd.Subcommands.Add(Db());
        cmd.Subcommands.Add(WarpDiff());
        return cmd;
    }

    private static Command Db()
    {
        var other = new Argument<string>("other") { Description = "campaign database to merge in (a shard)" };
        var db = CampaignDbOption.Create();
        var json = new Option<bool>("--json") { Description = "print the merge result as JSON" };
        var cmd = new Command("db", "merge the campaigns of another database run on the same corpus") { other, db, json };
        cmd.SetAction((ParseResult pr) =>
        {
            using var source = CampaignStore.OpenExisting(pr.GetValue(other)!);
            using var target = CampaignStore.Open(pr.GetValue(db)!);
            var r = ShardMerge.Merge(target, source);
            if (pr.GetValue(json)) JsonOutput.Print(new { db = target.Path, r.CampaignsAdded, r.RunsAdded, r.RunsAlreadyPresent, r.CasesAdded });
            else Console.WriteLine($"merged {source.Path} into {target.Path}: {r.CampaignsAdded} campaigns, {r.RunsAdded} runs added ({r.RunsAlreadyPresent} already present), {r.CasesAdded} new cases");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command WarpDiff()
    {
        var dir = new Argument<string>("dir") { Description = "folder holding WarpDiff's profiling_data (or profiling_data itself)" };
        var opt = new Option<string>("--opt") { Description = "optimization level folder", DefaultValueFactory = _ => "O2" };
        var db = CampaignDbOption.Create();
        var json = new Option<bool>("--json") { Description = "print the import result as JSON" };
        var cmd = new Command("warpdiff", "import WarpDiff's published means as a means-only campaign") { dir, opt, db, json };
        cmd.SetAction((ParseResult pr) =>
        {
            using var store = CampaignStore.Open(pr.GetValue(db)!);
            var r = WarpDiffImport.Import(store, pr.GetValue(dir)!, pr.GetValue(opt)!);
            if (pr.GetValue(json)) JsonOutput.Print(new { db = store.Path, campaign = r.CampaignId, r.Cases, r.Runtimes, r.Runs, means_only = true });
            else Console.WriteLine($"imported WarpDiff {pr.GetValue(opt)} into {store.Path}: {r.Cases} cases × {r.Runtimes} runtimes, {r.Runs} published means (campaign {r.CampaignId}, means only)");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
