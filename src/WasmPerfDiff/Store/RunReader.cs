using System.Globalization;
using Microsoft.Data.Sqlite;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Store;

/// <summary>Reads <c>run</c> rows back into the shared <see cref="RunResult"/> record.</summary>
internal static class RunReader
{
    /// <summary>Wire name → status, built once (parsing per row scanned every status name).</summary>
    private static readonly Dictionary<string, RunStatus> Statuses = Enum.GetValues<RunStatus>().ToDictionary(s => s.ToWire());

    /// <summary>Where the phases start in the select (the campaign id, then <see cref="RunInsert.Columns"/> after the key).</summary>
    private static readonly int PhaseColumn = Array.IndexOf(RunInsert.Columns, Phases.Names[0]);

    private static readonly Dictionary<string, PhaseMethod> Methods = Enum.GetValues<PhaseMethod>().ToDictionary(s => s.ToWire());

    /// <summary>Rows written before schema 3 have no method: a compile phase only comes from a runner's side channel,
    /// an execute phase without one from guest markers, and no execute phase means wall time.</summary>
    internal static PhaseMethod InferMethod(Phases p) =>
        p.ExecuteMs is null ? PhaseMethod.Wall : p.CompileMs is not null ? PhaseMethod.SideChannel : PhaseMethod.Markers;

    public static IReadOnlyList<RunRow> Read(SqliteConnection db, string? campaignId, string shown)
    {
        using var cmd = db.CreateCommand();
        // Column i of the select is column i of RunInsert.Columns, with the campaign's GUID for its key.
        cmd.CommandText = $"SELECT c.id, {string.Join(", ", RunInsert.Columns.Skip(1).Select(col => "r." + col))} " +
                          "FROM run r JOIN campaign c ON c.key = r.campaign " +
                          "WHERE $c IS NULL OR c.id = $c ORDER BY r.campaign, r.case_name, r.runtime, r.round";
        cmd.Parameters.AddWithValue("$c", (object?)campaignId ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var rows = new List<RunRow>();
        while (r.Read())
            rows.Add(StoreFile.Row(shown, "run", () => $"case {r.GetValue(1)}, runtime {r.GetValue(2)}, round {r.GetValue(3)}", () => Decode(r)));
        return rows;
    }

    private static RunRow Decode(SqliteDataReader r)
    {
        double? Real(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        int? Int(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
        var phases = Phases.FromValues(Enumerable.Range(PhaseColumn, Phases.Names.Count).Select(Real).ToArray());
        var result = new RunResult(
            Runtime: r.GetString(2),
            Status: Statuses.TryGetValue(r.GetString(5), out var st) ? st : Wire.Parse<RunStatus>(r.GetString(5), "run status"),
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
            Message: r.IsDBNull(22) ? null : r.GetString(22),
            PhaseMethod: r.IsDBNull(23) ? InferMethod(phases) : Methods.TryGetValue(r.GetString(23), out var m) ? m : Wire.Parse<PhaseMethod>(r.GetString(23), "phase method"));
        return new RunRow(r.GetString(0), new CaseRun(r.GetString(1), r.GetInt32(3), result));
    }
}
