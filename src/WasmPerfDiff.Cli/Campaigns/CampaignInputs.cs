using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Cli.Campaigns;

/// <summary>The cases of a campaign from its settings: the project corpus or a foreign directory.</summary>
public static class CampaignInputs
{
    public static IReadOnlyList<CaseRecord> Cases(CampaignSettings s)
    {
        if (s.Corpus is null)
            throw new UsageException("--corpus DIR is required (a directory of NAME.wasm with NAME.args sidecars)");
        return CampaignCases.FromForeignDir(s.Corpus, s.CasesGlob, s.Size);
    }
}
