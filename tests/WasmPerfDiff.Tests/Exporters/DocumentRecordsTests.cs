using System.Reflection;
using System.Text.Json;

namespace WasmPerfDiff.Tests.Exporters;

/// <summary>
/// Every printed JSON document is a record of its own (Exporters/Documents) made of plain values, enums (printed by their
/// wire names) and other document records — never a library type, so a field added to a library type cannot reach the
/// public JSON without a document changing on purpose.
/// </summary>
public class DocumentRecordsTests
{
    [Fact]
    public void Documents_hold_only_plain_values_enums_and_document_records()
    {
        var documents = typeof(WasmPerfDiff.Exporters.Documents.RunDocument).Assembly.GetTypes()
            .Where(t => t.Namespace == "WasmPerfDiff.Exporters.Documents" && t.IsPublic && t.IsClass).ToList();
        Assert.NotEmpty(documents);
        var leaks = new List<string>();
        foreach (var doc in documents)
            foreach (var p in doc.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
                if (!Allowed(p.PropertyType)) leaks.Add($"{doc.Name}.{p.Name}: {p.PropertyType}");
        Assert.Empty(leaks);
    }

    private static bool Allowed(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is { } inner) return Allowed(inner);
        if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(JsonElement)) return true;
        if (t.IsArray) return Allowed(t.GetElementType()!);
        if (t.IsGenericType) return t.GetGenericArguments().All(Allowed) && t.Namespace == "System.Collections.Generic";
        // Document records, and the export row the document of `export --format json` shares with the CSV exporter.
        return t.Namespace is "WasmPerfDiff.Exporters.Documents" or "WasmPerfDiff.Exporters";
    }
}
