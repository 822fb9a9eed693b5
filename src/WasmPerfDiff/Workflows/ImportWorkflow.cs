using WasmPerfDiff.Store;
using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Workflows;

/// <summary><c>import db</c> and <c>import warpdiff</c>: merge a shard into a database, or bring in WarpDiff's published means.</summary>
public static class ImportWorkflow
{
    /// <summary>Merges the campaigns of <paramref name="shard"/> into <paramref name="database"/>; returns the target's full path and what was added.
    /// An error about the shard's file names <c>Other</c> (the argument it came from), not the target database.</summary>
    public static (string Database, MergeResult Result) MergeDatabase(string shard, string database)
    {
        Host.InputFile.RequireRegular(shard, "Other", "campaign database to merge");
        Host.OutputPaths.RefuseSameFile([new(shard, "Other", "database to merge in")], [new(database, "Database", "campaign database")]);
        using var source = OpenShard(shard);
        using var target = CampaignStore.Open(database);
        return (target.Path, ShardMerge.Merge(target, source));
    }

    private static CampaignStore OpenShard(string shard)
    {
        try { return CampaignStore.OpenReadOnly(shard); }
        catch (BadInputException e) when (e.Field == "Database") { throw new BadInputException(e.Message, "Other"); }
    }

    public static (string Database, WarpDiffImportResult Result) ImportWarpDiff(string directory, string opt, string database)
    {
        using var store = CampaignStore.Open(database);
        return (store.Path, WarpDiffImport.Import(store, directory, opt));
    }
}
