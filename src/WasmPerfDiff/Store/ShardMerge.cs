namespace WasmPerfDiff.Store;

public sealed record MergeResult(int CampaignsAdded, int RunsAdded, int RunsAlreadyPresent, int CasesAdded);

/// <summary>
/// Merges the campaigns of another campaign file (a shard run on another machine, or part of the
/// cells run separately) into this one. Each campaign keeps its id and host fingerprint; the
/// other file's local campaign becomes a 'shard' here. Merging the same shard twice adds nothing
/// (the run key includes the campaign id).
/// </summary>
public static class ShardMerge
{
    public static MergeResult Merge(CampaignStore target, CampaignStore source)
    {
        if (Path.GetFullPath(target.Path) == Path.GetFullPath(source.Path))
            throw new BadInputException("cannot merge a campaign database into itself");

        // Everything of the source is read before anything is written: an unreadable shard changes nothing here.
        var rows = source.ReadRows();
        _ = source.Campaigns();
        var sourceCases = source.Cases().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var sourceRuntimes = source.Runtimes().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        if (rows.FirstOrDefault(r => !sourceCases.Contains(r.Run.Case) || !sourceRuntimes.Contains(r.Run.Result.Runtime)) is { } dangling)
            throw new BadInputException($"'{source.Path}' holds a run of case '{dangling.Run.Case}' on '{dangling.Run.Result.Runtime}' whose case or runtime it does not store: the file is damaged", "Database");

        // Same corpus or nothing: a case with the same name but another module is another program.
        var mine = target.Cases().ToDictionary(c => c.Name);
        foreach (var c in source.Cases())
            if (mine.TryGetValue(c.Name, out var m) && m.WasmSha256.Length > 0 && c.WasmSha256.Length > 0 && m.WasmSha256 != c.WasmSha256)
                throw new BadInputException($"case '{c.Name}' differs between the databases (wasm SHA-256 {CampaignStore.Short(m.WasmSha256)} vs {CampaignStore.Short(c.WasmSha256)}): not the same corpus");

        var casesAdded = 0;
        foreach (var c in source.Cases())
        {
            if (!mine.ContainsKey(c.Name)) casesAdded++;
            target.RecordCase(c);
        }
        foreach (var rt in source.Runtimes()) target.RecordRuntime(rt);

        var campaignsAdded = 0;
        foreach (var c in source.Campaigns())
            if (target.AddCampaign(c.Origin == CampaignOrigin.Local ? c with { Origin = CampaignOrigin.Shard } : c))
                campaignsAdded++;

        var added = target.AppendBatch(rows);
        target.CopyBaselines(source);
        return new MergeResult(campaignsAdded, added, rows.Count - added, casesAdded);
    }
}
