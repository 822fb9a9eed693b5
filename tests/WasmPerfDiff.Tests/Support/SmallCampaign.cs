using Microsoft.Data.Sqlite;

namespace WasmPerfDiff.Tests.Support;

/// <summary>The quickest real campaign: the project corpus's fib at test size, two runs on embedded Wasmtime (Cranelift).</summary>
public static class SmallCampaign
{
    public static string[] RunArgs(string db) =>
    [
        "run", "--corpus", Path.Combine(TestPaths.RepoRoot, "corpus"), "--cases", "fib", "--size", "test", "--db", db,
        "--runtime", "wasmtime-cranelift", "--warmup", "0", "--min-runs", "2", "--max-runs", "2", "--seed", "1",
    ];

    /// <summary>How many runs <paramref name="db"/> holds (read-only; 0 while the schema is not there yet).</summary>
    public static long StoredRuns(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM run";
        try { return (long)cmd.ExecuteScalar()!; }
        catch (SqliteException) { return 0; }
    }
}
