using WasmPerfDiff.Analysis;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>The construct fingerprint of a campaign database that ran the corpus of <c>gen constructs</c>.</summary>
public static class ConstructFingerprintFile
{
    public static ConstructFingerprint Read(string path, int seed = 1)
    {
        if (!File.Exists(path)) throw new BadInputException($"constructs database '{Path.GetFullPath(path)}' does not exist", "Constructs");
        Host.InputFile.RequireRegular(path, "Constructs", "constructs database");
        using var store = CampaignStore.OpenReadOnly(path);
        return ConstructFingerprint.Fit(store.ReadCaseRuns(), store.Cases(), seed, path);
    }
}
