using System.Globalization;
using Microsoft.Data.Sqlite;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Store;

/// <summary>Reads <c>run</c> rows back into the shared <see cref="RunResult"/> record.</summary>
internal static class RunReader
{
    public static IReadOnlyList<RunRow> Read(SqliteConnection db, string? campaignId)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT {string.Join(", ", RunInsert.Columns)} FROM run " +
                          "WHERE $c IS NULL OR campaign_id = $c ORDER BY campaign_id, case_name, runtime, round";
        cmd.Parameters.AddWithValue("$c", (object?)campaignId ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var rows = new List<RunRow>();
        while (r.Read())
        {
            double? Real(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
            int? Int(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
            var phases = new Phases(Real(16), Real(17), Real(18), Real(19), Real(20), Real(21));
            var result = new RunResult(
                Runtime: r.GetString(2),
                Status: RunStatusNames.Parse(r.GetString(5)),
                ExitCode: Int(6),
                Signal: Int(7),
                WallMs: r.GetDouble(8),
                UserMs: r.GetDouble(9),
                SysMs: r.GetDouble(10),
                MaxRssKb: r.GetInt64(11),
                StdoutBytes: r.GetInt64(12),
                StdoutSha256: r.GetString(13),
                StderrBytes: r.GetInt64(14),
                StderrSha256: r.GetString(15),
                Phases: phases,
                StartedAt: DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Message: r.IsDBNull(22) ? null : r.GetString(22));
            rows.Add(new RunRow(r.GetString(0), new CaseRun(r.GetString(1), r.GetInt32(3), result)));
        }
        return rows;
    }
}
