using Microsoft.Data.Sqlite;

namespace WasmPerfDiff.Store;

/// <summary>
/// Checks a database against the schema of <c>schema.sql</c> and brings an older one up to it. Nothing here names
/// a table, a column or a version: the expected shape is read from <c>schema.sql</c> itself (executed once in
/// memory), so a column added there together with a higher <c>user_version</c> is migrated here with no other change
/// (a column added to an existing table must be nullable or have a default, as SQLite's ADD COLUMN requires).
/// </summary>
internal static class StoreSchema
{
    private sealed record Column(string Name, string Type, bool NotNull, string? Default, bool PrimaryKey);

    private sealed record Shape(long Version, IReadOnlyDictionary<string, IReadOnlyList<Column>> Tables);

    /// <summary>The text of <c>schema.sql</c>, embedded in the library.</summary>
    private static string Sql { get; } = LoadSql();

    private static string LoadSql()
    {
        using var s = typeof(StoreSchema).Assembly.GetManifestResourceStream("WasmPerfDiff.Store.schema.sql")
            ?? throw new InvalidOperationException("embedded resource WasmPerfDiff.Store.schema.sql is missing");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    private static readonly Lazy<Shape> Expected = new(() =>
    {
        using var mem = new SqliteConnection("Data Source=:memory:");
        mem.Open();
        Exec(mem, Sql);
        return Read(mem);
    });

    /// <summary>The schema version this build writes (schema.sql's user_version).</summary>
    public static long Version => Expected.Value.Version;

    /// <summary>Refuses a database this build must not touch: newer, foreign, or (for readers) not a campaign database.</summary>
    public static void Check(SqliteConnection db, string shown, bool writable)
    {
        var found = Read(db);
        var expected = Expected.Value;
        if (found.Tables.Count == 0)
        {
            if (writable) return; // a new or empty file: the writer creates the schema
            throw new BadInputException($"'{shown}' is an empty database: it holds no campaign", "Database");
        }
        QuickCheck(db, shown);
        if (found.Version > expected.Version)
            throw new BadInputException($"'{shown}' has store schema version {found.Version}, newer than this wasm-perfdiff knows ({expected.Version}): use a newer wasm-perfdiff", "Database");
        var ours = expected.Tables.Keys.Where(found.Tables.ContainsKey).ToList();
        if (ours.Count == 0)
            throw new BadInputException($"'{shown}' is not a wasm-perfdiff campaign database (it holds {Names(found.Tables.Keys)})", "Database");
        var canMigrate = writable && found.Version > 0 && found.Version < expected.Version;
        var upgrade = found.Version < expected.Version ? $" (store schema version {found.Version}; this wasm-perfdiff writes {expected.Version})" : "";
        foreach (var (table, columns) in expected.Tables)
        {
            if (!found.Tables.TryGetValue(table, out var have))
            {
                if (canMigrate) continue;
                throw new BadInputException($"'{shown}' is not a wasm-perfdiff campaign database of this version: it has no table '{table}'{upgrade}", "Database");
            }
            foreach (var col in columns)
            {
                if (have.Any(h => string.Equals(h.Name, col.Name, StringComparison.OrdinalIgnoreCase))) continue;
                if (canMigrate && (!col.NotNull || col.Default is not null) && !col.PrimaryKey) continue;
                throw new BadInputException($"'{shown}' is not a wasm-perfdiff campaign database of this version: table '{table}' has no column '{col.Name}'{upgrade}", "Database");
            }
        }
    }

    /// <summary>Creates the schema in an empty file, or adds what an older version lacks; a current file is left as it is.</summary>
    public static void CreateOrMigrate(SqliteConnection db)
    {
        var found = Read(db);
        var expected = Expected.Value;
        if (found.Tables.Count == 0)
        {
            Exec(db, Sql);
            return;
        }
        if (found.Version >= expected.Version) return;
        using var tx = db.BeginTransaction();
        foreach (var (table, columns) in expected.Tables)
        {
            if (!found.Tables.TryGetValue(table, out var have)) continue; // created below by the schema's CREATE ... IF NOT EXISTS
            foreach (var col in columns.Where(c => !have.Any(h => string.Equals(h.Name, c.Name, StringComparison.OrdinalIgnoreCase))))
                Exec(db, $"ALTER TABLE {Quote(table)} ADD COLUMN {Quote(col.Name)} {col.Type}" +
                         (col.NotNull ? " NOT NULL" : "") + (col.Default is null ? "" : $" DEFAULT {col.Default}"), tx);
        }
        Exec(db, Sql, tx); // CREATE ... IF NOT EXISTS for new tables; sets user_version
        tx.Commit();
    }

    /// <summary>SQLite's quick integrity check (page structure, not index contents): a damaged file is named as such on
    /// opening rather than failing half-way through a report or a resumed campaign.</summary>
    private static void QuickCheck(SqliteConnection db, string shown)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA quick_check(1)";
        var result = cmd.ExecuteScalar() as string;
        if (result is not "ok")
            throw new BadInputException($"'{shown}' is damaged (integrity check: {result?.ReplaceLineEndings(" ")}); restore it from a copy or re-run the campaign", "Database");
    }

    private static Shape Read(SqliteConnection db)
    {
        long version;
        using (var v = db.CreateCommand())
        {
            v.CommandText = "PRAGMA user_version";
            version = (long)v.ExecuteScalar()!;
        }
        var tables = new Dictionary<string, IReadOnlyList<Column>>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        using (var t = db.CreateCommand())
        {
            t.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
            using var r = t.ExecuteReader();
            while (r.Read()) names.Add(r.GetString(0));
        }
        foreach (var name in names)
        {
            using var c = db.CreateCommand();
            c.CommandText = "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($t)";
            c.Parameters.AddWithValue("$t", name);
            using var r = c.ExecuteReader();
            var cols = new List<Column>();
            while (r.Read())
                cols.Add(new Column(r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1), r.GetInt64(2) != 0, r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4) != 0));
            tables[name] = cols;
        }
        return new Shape(version, tables);
    }

    private static string Names(IEnumerable<string> tables)
    {
        var list = tables.Order(StringComparer.Ordinal).ToList();
        return (list.Count == 1 ? "table " : "tables ") + string.Join(", ", list.Take(6).Select(t => $"'{t}'")) + (list.Count > 6 ? ", …" : "");
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static void Exec(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
