using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Store;

/// <summary>
/// The prepared INSERT of one <c>run</c> row, reused for every row of a transaction. It binds by
/// position through SQLitePCLRaw (the native layer under Microsoft.Data.Sqlite) on the same
/// connection: the statement is parsed once, and per row only values are bound — no parameter-name
/// lookups or data-reader objects, which is what lets batch imports reach hundreds of thousands of rows/s.
/// The caller owns the transaction.
/// </summary>
internal sealed class RunInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    /// <summary>Columns in the order the values are bound.</summary>
    internal static readonly string[] Columns =
    [
        "campaign", "case_name", "runtime", "round", "started", "status", "exit_code", "signal",
        "wall_ms", "user_ms", "sys_ms", "max_rss_kb", "stdout_bytes", "stdout_sha256", "stderr_bytes", "stderr_sha256",
        .. Phases.Names, "message", "phase_method",
    ];

    public RunInsert(SqliteConnection connection, bool ignoreDuplicates)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the campaign database is not open");
        var sql = $"INSERT {(ignoreDuplicates ? "OR IGNORE " : "")}INTO run ({string.Join(", ", Columns)}) " +
                  $"VALUES ({string.Join(", ", Columns.Select(_ => "?"))})";
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _stmt), _db);
    }

    /// <summary>Binds and inserts one run; returns 1 when a row was added, 0 when ignored as a duplicate.</summary>
    public int Execute(long campaignKey, CaseRun run)
    {
        var r = run.Result;
        var p = r.Phases;
        var i = 1; // SQLite parameters are 1-based
        raw.sqlite3_bind_int64(_stmt, i++, campaignKey);
        Text(i++, run.Case);
        Text(i++, r.Runtime);
        raw.sqlite3_bind_int64(_stmt, i++, run.Round);
        Text(i++, r.StartedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Text(i++, r.Status.ToWire());
        Int(i++, r.ExitCode);
        Int(i++, r.Signal);
        raw.sqlite3_bind_double(_stmt, i++, r.WallMs);
        raw.sqlite3_bind_double(_stmt, i++, r.UserMs);
        raw.sqlite3_bind_double(_stmt, i++, r.SysMs);
        raw.sqlite3_bind_int64(_stmt, i++, r.MaxRssKb);
        raw.sqlite3_bind_int64(_stmt, i++, r.StdoutBytes);
        Text(i++, r.StdoutSha256);
        raw.sqlite3_bind_int64(_stmt, i++, r.StderrBytes);
        Text(i++, r.StderrSha256);
        foreach (var (_, ms) in p.Named()) Real(i++, ms);
        Text(i++, r.Message);
        Text(i, r.PhaseMethod.ToWire());

        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        return raw.sqlite3_changes(_db);
    }

    /// <summary>Longest text encoded on the stack; longer ones (messages) take the allocating path.</summary>
    private const int StackTextBytes = 256;

    private void Text(int i, string? v)
    {
        if (v is null) { raw.sqlite3_bind_null(_stmt, i); return; }
        if (v.Length * 3 > StackTextBytes) { raw.sqlite3_bind_text(_stmt, i, v); return; }
        // UTF-8 into a stack buffer: SQLite copies it (SQLITE_TRANSIENT), so no garbage per value.
        Span<byte> utf8 = stackalloc byte[StackTextBytes];
        var n = System.Text.Encoding.UTF8.GetBytes(v, utf8);
        raw.sqlite3_bind_text(_stmt, i, utf8[..n]);
    }

    private void Int(int i, int? v)
    {
        if (v is { } x) raw.sqlite3_bind_int64(_stmt, i, x);
        else raw.sqlite3_bind_null(_stmt, i);
    }

    private void Real(int i, double? v)
    {
        if (v is { } x) raw.sqlite3_bind_double(_stmt, i, x);
        else raw.sqlite3_bind_null(_stmt, i);
    }

    public void Dispose() => _stmt.Dispose();
}
