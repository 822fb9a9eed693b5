using System.Text.Json;
using WasmPerfDiff.Host;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Store.WarpDiff;

public sealed record WarpDiffImportResult(string CampaignId, int Cases, int Runtimes, int Runs);

/// <summary>
/// Imports WarpDiff's published data as a campaign whose runs are the published means (one per
/// cell, round 0) with the other metrics as phases. The campaign's settings say <c>means_only</c>,
/// so analysis and export never mistake a mean of 10 runs for one run.
/// </summary>
public static class WarpDiffImport
{
    /// <summary>Stands for "measured elsewhere": WarpDiff's paper machine is not this host.</summary>
    private static readonly HostFingerprint PublishedHost = new("unknown (WarpDiff published data)", 0, "unknown", "unknown", "WarpDiff");

    public static WarpDiffImportResult Import(CampaignStore store, string dir, string opt = "O2")
    {
        var means = WarpDiffData.Read(dir, opt);
        var runs = WarpDiffData.ToCaseRuns(means);
        var id = "warpdiff-" + opt;
        var settings = JsonSerializer.Serialize(new { means_only = true, source = "WarpDiff profiling_data", opt, runs_per_mean = 10 }, WireJson.Compact);
        store.AddCampaign(new CampaignRecord(id, CampaignOrigin.WarpDiff, DateTimeOffset.UtcNow, settings, 0, PublishedHost));

        foreach (var rt in means.Select(m => m.Runtime).Distinct(StringComparer.Ordinal))
        {
            var (engine, tier) = SplitRuntime(rt);
            store.RecordRuntime(new RuntimeRecord(rt, engine, tier, null, $"WarpDiff '{rt}' (published)"));
        }
        foreach (var c in means.GroupBy(m => m.Case))
        {
            var first = c.First();
            // The module itself is not part of the published data: its hash is unknown (empty).
            store.RecordCase(new CaseRecord(c.Key, first.Suite, c.Key[(first.Suite.Length + 1)..] + ".wasm", "", [], SizeName: "warpdiff-" + opt));
        }
        store.AppendBatch(id, runs);
        return new WarpDiffImportResult(id, runs.Select(r => r.Case).Distinct().Count(),
            runs.Select(r => r.Result.Runtime).Distinct().Count(), (int)store.CountRuns(id));
    }

    /// <summary>WarpDiff names configurations like <c>iwasm--fast-jit</c>, <c>wasmedge_aot</c>, <c>wasm3</c>;
    /// iwasm is WAMR's CLI.</summary>
    private static (string Engine, string Tier) SplitRuntime(string name)
    {
        var cut = name.IndexOfAny(['-', '_']);
        var engine = cut < 0 ? name : name[..cut];
        var tier = cut < 0 ? "default" : name[cut..].TrimStart('-', '_');
        return (engine == "iwasm" ? "wamr" : engine, tier);
    }
}
