namespace WasmPerfDiff.Store;

/// <summary>The store's schema, kept readable in <c>schema.sql</c> and embedded in the library.</summary>
internal static class Schema
{
    public static string Text { get; } = Load();

    private static string Load()
    {
        using var s = typeof(Schema).Assembly.GetManifestResourceStream("WasmPerfDiff.Store.schema.sql")
            ?? throw new InvalidOperationException("embedded resource WasmPerfDiff.Store.schema.sql is missing");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
