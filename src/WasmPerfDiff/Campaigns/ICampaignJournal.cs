using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Where a campaign writes what it measures, run by run, and reads back what an earlier session of it
/// stored. The campaign store implements it; the scheduler knows nothing of SQLite, so data flows from the
/// campaign to the store and never back through a type of the later stage.
/// </summary>
public interface ICampaignJournal
{
    /// <summary>Where the journal lives, for messages (the database file).</summary>
    string Path { get; }

    /// <summary>Starts this journal's campaign with its settings; returns the campaign id. A journal that holds one already refuses.</summary>
    string StartCampaign(CampaignSettings settings);

    /// <summary>The id of the campaign to resume, or null when the journal holds none.</summary>
    string? ResumableCampaign();

    void RecordRuntime(RuntimeRecord runtime);

    void RecordCase(CaseRecord c);

    /// <summary>What a campaign already holds per (case, runtime) cell, in round order.</summary>
    IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyList<CaseRun>> CellHistories(string campaignId);

    /// <summary>Keeps one finished run for good before the next one starts.</summary>
    void Append(string campaignId, CaseRun run);

    long CountRuns(string campaignId);

    /// <summary>Keeps one run of a cell's baseline module (<see cref="Corpus.BaselineModule"/>), numbered from 1 per cell.</summary>
    void AppendBaseline(string campaignId, string caseName, int seq, RunResult run);

    /// <summary>Wall times (ms) of the ok baseline runs per (case, runtime) cell; of one campaign, or of all when null.</summary>
    IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyList<double>> BaselineWalls(string? campaignId = null);
}
