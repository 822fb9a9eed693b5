using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Host;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Store;

/// <summary>
/// One SQLite file per campaign (schema in <c>schema.sql</c>). WAL journal, and every finished run
/// is its own committed transaction, so a <c>kill -9</c> loses at most the run in flight.
/// Not thread-safe: one scheduler writes through one instance.
/// </summary>
public sealed class CampaignStore : ICampaignJournal, IDisposable
{
    private readonly SqliteConnection _db;
    /// <summary>The writer's lock on the database file (null for readers); see <see cref="StoreFile"/>.</summary>
    private readonly FileStream? _lock;
    /// <summary>The file as this writer found it (null for readers): undone again if nothing was stored in it.</summary>
    private readonly WriterFile? _file;
    /// <summary>For readers: which WAL files existed before opening (see <see cref="StoreFile.CleanAfterReader"/>).</summary>
    private (bool Wal, bool Shm) _walBefore;

    public string Path { get; }

    /// <summary>True for a store opened by <see cref="OpenReadOnly"/>.</summary>
    public bool ReadOnly => _lock is null;

    private CampaignStore(string path, SqliteConnection db, FileStream? writerLock, WriterFile? file)
    {
        Path = path;
        _db = db;
        _lock = writerLock;
        _file = file;
    }

    /// <summary>Opens the campaign file for writing, creating it and its schema when missing (or migrating an
    /// older schema). One writer per file: a second one is refused while the first holds the file.</summary>
    public static CampaignStore Open(string path) => OpenWriter(path, mustExist: false, fresh: false);

    /// <summary>Opens the campaign file for writing emptied first (the demo starts afresh each time). It is emptied
    /// only once this process holds the writer lock, so a campaign another process is writing is never touched.</summary>
    public static CampaignStore OpenFresh(string path) => OpenWriter(path, mustExist: false, fresh: true);

    /// <summary>Opens an existing campaign file for writing (resume); a missing file is a usage error.</summary>
    public static CampaignStore OpenExisting(string path) => OpenWriter(path, mustExist: true, fresh: false);

    /// <summary>Opens an existing campaign file for reading only: never created, migrated or altered (no journal
    /// switch, no tables added, schema version untouched). A newer or foreign schema is refused.</summary>
    public static CampaignStore OpenReadOnly(string path)
    {
        var full = StoreFile.Existing(path);
        var walBefore = StoreFile.WalFiles(full);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full, Pooling = false, Mode = SqliteOpenMode.ReadOnly,
        }.ToString());
        try
        {
            db.Open();
            Exec(db, "PRAGMA busy_timeout=5000; PRAGMA query_only=ON;");
            StoreSchema.Check(db, path, writable: false);
        }
        catch (Exception e)
        {
            db.Dispose();
            StoreFile.CleanAfterReader(full, walBefore);
            throw StoreFile.Describe(e, path);
        }
        return new CampaignStore(full, db, null, file: null) { _walBefore = walBefore };
    }

    private static CampaignStore OpenWriter(string path, bool mustExist, bool fresh)
    {
        var full = mustExist ? StoreFile.ExistingToContinue(path) : OutputPaths.PrepareFile(path, "Database");
        var (writerLock, file) = StoreFile.LockForWriting(full, path);
        if (fresh)
        {
            // Truncated, not deleted: the lock is on this inode, and a new file would be a second, unlocked one.
            writerLock.SetLength(0);
            foreach (var f in new[] { full + "-wal", full + "-shm" })
                if (File.Exists(f)) File.Delete(f);
            file = file with { Facts = file.Facts with { Size = 0 } };
        }
        // No pooling: a closed store must release its file (tests delete it, shards get copied).
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        try
        {
            db.Open();
            Exec(db, "PRAGMA busy_timeout=5000;");
            StoreSchema.Check(db, path, writable: true);
            // WAL + synchronous=NORMAL: a committed transaction survives the process being killed
            // (only an OS crash or power loss could drop the last commits).
            Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;");
            StoreSchema.CreateOrMigrate(db);
        }
        catch (Exception e)
        {
            db.Dispose();
            file.Undo(writerLock);
            writerLock.Dispose();
            throw StoreFile.Describe(e, path);
        }
        return new CampaignStore(full, db, writerLock, file);
    }

    // ---- campaigns -------------------------------------------------------------------------

    /// <summary>The campaign run in this file (origin local), or null before the first <c>run</c>.</summary>
    public CampaignRecord? LocalCampaign() => Campaigns().FirstOrDefault(c => c.Origin == CampaignOrigin.Local);

    public IReadOnlyList<CampaignRecord> Campaigns() => Guard(() =>
    {
        using var cmd = Command("SELECT id, origin, created, settings, seed, cpu_model, cores, kernel, os, tool_version FROM campaign ORDER BY created, id");
        using var r = cmd.ExecuteReader();
        var list = new List<CampaignRecord>();
        while (r.Read())
            list.Add(StoreFile.Row(Path, "campaign", () => $"id {Text(r, 0)}", () =>
            {
                var c = new CampaignRecord(r.GetString(0), r.GetString(1), DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture),
                    r.GetString(3), r.GetInt64(4), new HostFingerprint(r.GetString(5), r.GetInt32(6), r.GetString(7), r.GetString(8), r.GetString(9)));
                _ = c.MeansOnly; // settings must be JSON
                return c;
            }));
        return (IReadOnlyList<CampaignRecord>)list;
    });

    /// <summary>Campaign GUID → the integer key its runs are stored under.</summary>
    private Dictionary<string, long?> CampaignKeys()
    {
        using var cmd = Command("SELECT id, key FROM campaign");
        using var r = cmd.ExecuteReader();
        var keys = new Dictionary<string, long?>(StringComparer.Ordinal);
        while (r.Read()) keys[r.GetString(0)] = r.GetInt64(1);
        return keys;
    }

    /// <summary>Adds a campaign row; returns false (and changes nothing) when its id is already here.</summary>
    public bool AddCampaign(CampaignRecord c) => Guard(() =>
    {
        using var cmd = Command("""
            INSERT OR IGNORE INTO campaign (id, origin, created, settings, seed, cpu_model, cores, kernel, os, tool_version)
            VALUES ($id, $origin, $created, $settings, $seed, $cpu, $cores, $kernel, $os, $tool)
            """);
        cmd.Parameters.AddWithValue("$id", c.Id);
        cmd.Parameters.AddWithValue("$origin", c.Origin);
        cmd.Parameters.AddWithValue("$created", c.Created.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$settings", c.SettingsJson);
        cmd.Parameters.AddWithValue("$seed", c.Seed);
        cmd.Parameters.AddWithValue("$cpu", c.Host.CpuModel);
        cmd.Parameters.AddWithValue("$cores", c.Host.Cores);
        cmd.Parameters.AddWithValue("$kernel", c.Host.Kernel);
        cmd.Parameters.AddWithValue("$os", c.Host.Os);
        cmd.Parameters.AddWithValue("$tool", c.Host.ToolVersion);
        return cmd.ExecuteNonQuery() == 1;
    });

    public string StartCampaign(CampaignSettings settings) => CreateLocalCampaign(settings, settings.Seed).Id;

    public string? ResumableCampaign() => LocalCampaign()?.Id;

    /// <summary>Creates the local campaign of this file with its settings (stored as snake_case JSON).</summary>
    public CampaignRecord CreateLocalCampaign(CampaignSettings settings, long seed)
    {
        if (LocalCampaign() is { } existing)
            throw new BadInputException($"'{Path}' already holds campaign {existing.Id}: use --resume to continue it, or another --db");
        var c = new CampaignRecord(Guid.NewGuid().ToString("N"), CampaignOrigin.Local, DateTimeOffset.UtcNow,
            JsonSerializer.Serialize(settings, WireJson.Compact), seed, HostFingerprint.Current());
        AddCampaign(c);
        return c;
    }

    // ---- runtimes and cases ----------------------------------------------------------------

    public void RecordRuntime(RuntimeRecord rt) => Guard(() =>
    {
        using var cmd = Command("""
            INSERT INTO runtime (name, engine, tier, version, command) VALUES ($n, $e, $t, $v, $c)
            ON CONFLICT(name) DO UPDATE SET engine = excluded.engine, tier = excluded.tier,
                version = coalesce(excluded.version, runtime.version), command = excluded.command
            """);
        cmd.Parameters.AddWithValue("$n", rt.Name);
        cmd.Parameters.AddWithValue("$e", rt.Engine);
        cmd.Parameters.AddWithValue("$t", rt.Tier);
        cmd.Parameters.AddWithValue("$v", (object?)rt.Version ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$c", rt.Command);
        cmd.ExecuteNonQuery();
    });

    /// <summary>
    /// Stores a case. A case already stored with another module hash is refused: its runs would
    /// then mix two different programs under one name. An empty hash means unknown (imported data).
    /// </summary>
    public void RecordCase(CaseRecord c) => Guard(() =>
    {
        var existing = Cases().FirstOrDefault(x => x.Name == c.Name);
        if (existing != null && existing.WasmSha256 != c.WasmSha256 && existing.WasmSha256.Length > 0 && c.WasmSha256.Length > 0)
            throw new BadInputException($"case '{c.Name}' changed since it was stored in '{Path}' (wasm SHA-256 {Short(existing.WasmSha256)} → {Short(c.WasmSha256)}): use another database file");
        using var cmd = Command("""
            INSERT INTO "case" (name, suite, wasm_path, wasm_sha256, args, stdin, expected_stdout_sha256, size_name)
            VALUES ($n, $s, $p, $h, $a, $i, $x, $z)
            ON CONFLICT(name) DO UPDATE SET suite = excluded.suite, wasm_path = excluded.wasm_path, wasm_sha256 = CASE WHEN excluded.wasm_sha256 = '' THEN "case".wasm_sha256 ELSE excluded.wasm_sha256 END,
                args = excluded.args, stdin = excluded.stdin,
                expected_stdout_sha256 = coalesce(excluded.expected_stdout_sha256, "case".expected_stdout_sha256),
                size_name = excluded.size_name
            """);
        cmd.Parameters.AddWithValue("$n", c.Name);
        cmd.Parameters.AddWithValue("$s", c.Suite);
        cmd.Parameters.AddWithValue("$p", c.WasmPath);
        cmd.Parameters.AddWithValue("$h", c.WasmSha256);
        cmd.Parameters.AddWithValue("$a", JsonSerializer.Serialize(c.Args, WireJson.Compact));
        cmd.Parameters.AddWithValue("$i", (object?)c.StdinPath ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$x", (object?)c.ExpectedStdoutSha256 ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$z", c.SizeName);
        cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<RuntimeRecord> Runtimes() => Guard(() =>
    {
        using var cmd = Command("SELECT name, engine, tier, version, command FROM runtime ORDER BY name");
        using var r = cmd.ExecuteReader();
        var list = new List<RuntimeRecord>();
        while (r.Read())
            list.Add(StoreFile.Row(Path, "runtime", () => $"name {Text(r, 0)}", () =>
                new RuntimeRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4))));
        return (IReadOnlyList<RuntimeRecord>)list;
    });

    public IReadOnlyList<CaseRecord> Cases() => Guard(() =>
    {
        using var cmd = Command("""SELECT name, suite, wasm_path, wasm_sha256, args, stdin, expected_stdout_sha256, size_name FROM "case" ORDER BY name""");
        using var r = cmd.ExecuteReader();
        var list = new List<CaseRecord>();
        while (r.Read())
            list.Add(StoreFile.Row(Path, "case", () => $"name {Text(r, 0)}", () =>
            {
                var args = JsonSerializer.Deserialize<string?[]>(r.GetString(4), WireJson.Compact)
                    ?? throw new FormatException("args is null, not a list");
                if (args.Any(a => a is null)) throw new FormatException("args holds a null");
                return new CaseRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), args!,
                    r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7));
            }));
        return (IReadOnlyList<CaseRecord>)list;
    });

    // ---- runs ------------------------------------------------------------------------------

    /// <summary>Stores one finished run and commits at once. A second run for the same
    /// (campaign, case, runtime, round) is refused by the unique key: that would be counting twice.</summary>
    public void Append(string campaignId, CaseRun run) => Guard(() =>
    {
        var key = CampaignKeys().GetValueOrDefault(campaignId)
            ?? throw new InvalidOperationException($"campaign '{campaignId}' is not in '{Path}'");
        using var tx = _db.BeginTransaction();
        using var insert = new RunInsert(_db, ignoreDuplicates: false);
        insert.Execute(key, run);
        tx.Commit();
    });

    /// <summary>Stores many runs in one transaction with one prepared statement (imports, merges).
    /// Runs already present under the same key are skipped; returns how many were added.</summary>
    public int AppendBatch(string campaignId, IEnumerable<CaseRun> runs) =>
        AppendBatch(runs.Select(r => new RunRow(campaignId, r)));

    public int AppendBatch(IEnumerable<RunRow> rows) => Guard(() => AppendBatchUnguarded(rows));

    private int AppendBatchUnguarded(IEnumerable<RunRow> rows)
    {
        // References are checked here against sets read once, and SQLite's per-row foreign-key
        // lookups are switched off for the batch (~15 % of its insert cost); the pragma cannot
        // change inside a transaction, hence before and after it.
        var campaigns = CampaignKeys();
        var cases = Cases().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var runtimes = Runtimes().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        Exec(_db, "PRAGMA foreign_keys=OFF");
        try
        {
            using var tx = _db.BeginTransaction();
            using var insert = new RunInsert(_db, ignoreDuplicates: true);
            var added = 0;
            foreach (var row in rows)
            {
                if (campaigns.GetValueOrDefault(row.CampaignId) is not { } key || !cases.Contains(row.Run.Case) || !runtimes.Contains(row.Run.Result.Runtime))
                    throw new InvalidOperationException(
                        $"run of case '{row.Run.Case}' on '{row.Run.Result.Runtime}' in campaign '{row.CampaignId}': store the campaign, case and runtime first");
                added += insert.Execute(key, row.Run);
            }
            tx.Commit();
            return added;
        }
        finally
        {
            Exec(_db, "PRAGMA foreign_keys=ON");
        }
    }

    /// <summary>
    /// True when the file holds published means (a WarpDiff import) rather than single runs. Imported means and
    /// measured runs never mix in one file, so one such campaign says it for all: analysis, export and profiling
    /// all ask here.
    /// </summary>
    public bool HoldsMeansOnly => Campaigns().Any(c => c.MeansOnly);

    /// <summary>Every stored run of every campaign in this file, in a stable order: what the analysis consumes.</summary>
    public IReadOnlyList<CaseRun> ReadCaseRuns() => ReadRows().Select(r => r.Run).ToList();

    /// <summary>Stored runs with their campaign, optionally of one campaign only.</summary>
    public IReadOnlyList<RunRow> ReadRows(string? campaignId = null) => Guard(() => RunReader.Read(_db, campaignId, Path));

    // ---- baselines -------------------------------------------------------------------------

    public void AppendBaseline(string campaignId, string caseName, int seq, RunResult run)
    {
        var key = CampaignKeys().GetValueOrDefault(campaignId)
            ?? throw new InvalidOperationException($"campaign '{campaignId}' is not in '{Path}'");
        InsertBaseline(key, caseName, run.Runtime, seq, run.StartedAt, run.Status.ToWire(), run.WallMs, ignoreDuplicates: false);
    }

    /// <summary>Inserts one baseline run; returns 1 when a row was added, 0 when ignored as a duplicate.</summary>
    private int InsertBaseline(long key, string caseName, string runtime, int seq, DateTimeOffset started, string status, double wallMs, bool ignoreDuplicates)
    {
        using var cmd = Command($"INSERT {(ignoreDuplicates ? "OR IGNORE " : "")}INTO baseline_run (campaign, case_name, runtime, seq, started, status, wall_ms) " +
                                "VALUES ($k, $c, $r, $s, $t, $st, $w)");
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$c", caseName);
        cmd.Parameters.AddWithValue("$r", runtime);
        cmd.Parameters.AddWithValue("$s", seq);
        cmd.Parameters.AddWithValue("$t", started.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$st", status);
        cmd.Parameters.AddWithValue("$w", wallMs);
        return cmd.ExecuteNonQuery();
    }

    public IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyList<double>> BaselineWalls(string? campaignId = null)
    {
        using var cmd = Command("SELECT b.case_name, b.runtime, b.wall_ms FROM baseline_run b JOIN campaign c ON c.key = b.campaign " +
                                "WHERE ($c IS NULL OR c.id = $c) AND b.status = 'ok' ORDER BY b.campaign, b.case_name, b.runtime, b.seq");
        cmd.Parameters.AddWithValue("$c", (object?)campaignId ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var walls = new Dictionary<(string, string), List<double>>();
        while (r.Read())
        {
            var k = (r.GetString(0), r.GetString(1));
            if (!walls.TryGetValue(k, out var list)) walls[k] = list = [];
            list.Add(r.GetDouble(2));
        }
        return walls.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value);
    }

    /// <summary>Copies the baseline runs of <paramref name="source"/> (a shard) into this file; returns how many were new.</summary>
    internal int CopyBaselines(CampaignStore source)
    {
        var keys = CampaignKeys();
        using var cmd = source.Command("SELECT c.id, b.case_name, b.runtime, b.seq, b.started, b.status, b.wall_ms FROM baseline_run b JOIN campaign c ON c.key = b.campaign");
        using var r = cmd.ExecuteReader();
        var added = 0;
        while (r.Read())
        {
            if (keys.GetValueOrDefault(r.GetString(0)) is not { } key) continue;
            added += InsertBaseline(key, r.GetString(1), r.GetString(2), r.GetInt32(3),
                DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), r.GetString(5), r.GetDouble(6), ignoreDuplicates: true);
        }
        return added;
    }

    public long CountRuns(string? campaignId = null) => Guard(() =>
    {
        using var cmd = Command("SELECT count(*) FROM run r JOIN campaign c ON c.key = r.campaign WHERE $c IS NULL OR c.id = $c");
        cmd.Parameters.AddWithValue("$c", (object?)campaignId ?? DBNull.Value);
        return (long)cmd.ExecuteScalar()!;
    });

    /// <summary>
    /// What a campaign already holds per (case, runtime) cell, in round order: the scheduler resumes
    /// each cell at its next round from this, so nothing is lost and nothing runs twice.
    /// </summary>
    public IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyList<CaseRun>> CellHistories(string campaignId) =>
        ReadRows(campaignId)
            .GroupBy(r => (r.Run.Case, r.Run.Result.Runtime))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CaseRun>)g.Select(r => r.Run).OrderBy(r => r.Round).ToList());

    /// <summary>Measured rounds completed per cell of a campaign (the highest stored round).</summary>
    public IReadOnlyDictionary<(string Case, string Runtime), int> CompletedRounds(string campaignId) =>
        CellHistories(campaignId).ToDictionary(kv => kv.Key, kv => kv.Value.Max(r => r.Round));

    public void Dispose()
    {
        // A file this writer created, or found empty, in which nothing was stored (a rejected run, a failed import)
        // is not left behind as an empty schema-only database: it is removed, or emptied again.
        var discard = false;
        if (_file is { CreatedHere: true } or { WasEmpty: true })
        {
            try { discard = CountRuns() == 0 && Campaigns().Count == 0 && Cases().Count == 0 && Runtimes().Count == 0; }
            catch (Exception e) when (e is SqliteException or BadInputException) { }
        }
        _db.Dispose();
        if (discard) _file!.Undo(_lock!);
        _lock?.Dispose();
        if (ReadOnly) StoreFile.CleanAfterReader(Path, _walBefore);
    }

    /// <summary>SQLite's errors while reading (a damaged page, a foreign table) as one line naming the file.</summary>
    private T Guard<T>(Func<T> read)
    {
        try { return read(); }
        catch (SqliteException e) { throw StoreFile.Describe(e, Path); }
    }

    private void Guard(Action write) => Guard(() => { write(); return 0; });

    private static string Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "?";

    internal SqliteCommand Command(string sql)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>First 12 hex digits of a hash, enough to tell two modules apart in a message.</summary>
    internal static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
