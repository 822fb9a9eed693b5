using Microsoft.Data.Sqlite;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Tests.Store;

public sealed class SchemaMigrationTests
{
    [Fact]
    public void A_version_2_database_opens_gains_the_method_column_and_reads_methods_from_its_phases()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-v2-").FullName, "old.db");
        string id;
        using (var store = CampaignStore.Open(path))
        {
            id = store.StartCampaign(new CampaignSettings());
            store.RecordRuntime(new("rt", "e", "t", null, "cmd"));
            store.RecordCase(new CaseRecord("c", "s", "/x.wasm", "ab", []));
            RunResult Run(Phases p) => new("rt", RunStatus.Ok, 0, null, 10, 0, 0, 0, 0, "", 0, "", p, DateTimeOffset.UnixEpoch);
            store.Append(id, new CaseRun("c", 1, Run(new Phases(ExecuteMs: 5))));
            store.Append(id, new CaseRun("c", 2, Run(new Phases(CompileMs: 1, ExecuteMs: 5))));
            store.Append(id, new CaseRun("c", 3, Run(Phases.None)));
        }
        // Make it a version-2 file: no phase_method column, no baseline table.
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "ALTER TABLE run DROP COLUMN phase_method; DROP TABLE baseline_run; PRAGMA user_version = 2;";
            cmd.ExecuteNonQuery();
        }
        using (var store = CampaignStore.OpenExisting(path))
        {
            var methods = store.ReadCaseRuns().OrderBy(r => r.Round).Select(r => r.Result.PhaseMethod).ToArray();
            Assert.Equal([PhaseMethod.Markers, PhaseMethod.SideChannel, PhaseMethod.Wall], methods);
            Assert.Empty(store.BaselineWalls());
            store.Append(id, new CaseRun("c", 4, new("rt", RunStatus.Ok, 0, null, 10, 0, 0, 0, 0, "", 0, "", new Phases(ExecuteMs: 4), DateTimeOffset.UnixEpoch, null, PhaseMethod.Baseline)));
            store.AppendBaseline(id, "c", 4, new("rt", RunStatus.Ok, 0, null, 6, 0, 0, 0, 0, "", 0, "", Phases.None, DateTimeOffset.UnixEpoch));
            Assert.Equal(PhaseMethod.Baseline, store.ReadCaseRuns().Single(r => r.Round == 4).Result.PhaseMethod);
            Assert.Equal([6.0], store.BaselineWalls()[("c", "rt")]);
        }
    }
}
