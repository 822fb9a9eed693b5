using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Cli.Campaigns;

/// <summary>The cases of a campaign from its settings: the corpus it names (project or foreign), else the one the locator finds.</summary>
public static class CampaignInputs
{
    /// <summary>The corpus directory to record in the settings, so a resume reopens the same one.</summary>
    public static string LocateCorpus(string? explicitDirectory) => CorpusLocator.Locate(explicitDirectory);

    public static IReadOnlyList<CaseRecord> Cases(CampaignSettings s) =>
        CampaignCases.FromCorpus(CorpusSet.Open(s.Corpus ?? CorpusLocator.Locate(null)), s.CasesGlob, s.Size);
}
