using WasmPerfDiff.Store;
using WasmPerfDiff.Store.WarpDiff;

namespace WasmPerfDiff.Workflows;

/// <summary><c>import db</c> and <c>import warpdiff</c>: merge a shard into a database, or bring in WarpDiff's published means.</summary>
public static class ImportWorkflow
{
    /// <summary>Merges the campaigns of <paramref name="shard"/> into <paramref name="database"/>; returns the target's full path and what was added.</summary>
    public static (string Database, MergeResult Result) MergeDatabase(string shard, string database)
    {
        Host.InputFile.RequireRegular(shard, "Other", "campaign database to merge");
        Host.OutputPaths.RefuseSameFile([new(shard, "Other", "database to merge in")], [new(database, "Database", "campaign database")]);
        using var source = CampaignStore.OpenReadOnly(shard);
        using var target = CampaignStore.Open(database);
        return (target.Path, ShardMerge.Merge(target, source));
    }

    public static (string Database, WarpDiffImportResult Result) ImportWarpDiff(string directory, string opt, string database)
    {
        using var store = CampaignStore.Open(database);
        return (store.Path, WarpDiffImport.Import(store, directory, opt));
    }
}
