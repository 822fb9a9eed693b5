using System.Globalization;
using Microsoft.Data.Sqlite;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Store;

/// <summary>
/// The prepared INSERT of one <c>run</c> row, reused for every row of a transaction: SQLite then
/// parses the statement once and only rebinds parameters, which is what makes batch imports fast.
/// </summary>
internal sealed class RunInsert : IDisposable
{
    private readonly SqliteCommand _cmd;
    private readonly SqliteParameter[] _p;

    /// <summary>Columns in the order the parameters are bound.</summary>
    internal static readonly string[] Columns =
    [
        "campaign_id", "case_name", "runtime", "round", "started", "status", "exit_code", "signal",
        "wall_ms", "user_ms", "sys_ms", "max_rss_kb", "stdout_bytes", "stdout_sha256", "stderr_bytes", "stderr_sha256",
        "startup_ms", "compile_ms", "instantiate_ms", "execute_ms", "teardown_ms", "aot_compile_ms", "message",
    ];

    public RunInsert(SqliteConnection db, SqliteTransaction tx, bool ignoreDuplicates)
    {
        _cmd = db.CreateCommand();
        _cmd.Transaction = tx;
        _cmd.CommandText = $"INSERT {(ignoreDuplicates ? "OR IGNORE " : "")}INTO run ({string.Join(", ", Columns)}) " +
                           $"VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
        _p = Columns.Select((_, i) => _cmd.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        _cmd.Prepare();
    }

    /// <summary>Binds and inserts one run; returns 1 when a row was added, 0 when ignored as a duplicate.</summary>
    public int Execute(string campaignId, CaseRun run)
    {
        var r = run.Result;
        object?[] v =
        [
            campaignId, run.Case, r.Runtime, run.Round, r.StartedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            r.Status.ToWire(), r.ExitCode, r.Signal, r.WallMs, r.UserMs, r.SysMs, r.MaxRssKb,
            r.StdoutBytes, r.StdoutSha256, r.StderrBytes, r.StderrSha256,
            r.Phases.StartupMs, r.Phases.CompileMs, r.Phases.InstantiateMs, r.Phases.ExecuteMs, r.Phases.TeardownMs, r.Phases.AotCompileMs,
            r.Message,
        ];
        for (var i = 0; i < v.Length; i++)
        {
            _p[i].SqliteType = v[i] switch
            {
                int or long => SqliteType.Integer,
                double => SqliteType.Real,
                _ => SqliteType.Text,
            };
            _p[i].Value = v[i] ?? DBNull.Value;
        }
        return _cmd.ExecuteNonQuery();
    }

    public void Dispose() => _cmd.Dispose();
}
