using System.Text.Json;

namespace WasmPerfDiff.Cli;

/// <summary>The one JSON document a verb prints on stdout with <c>--json</c>.</summary>
public static class JsonOutput
{
    public static void Print<T>(T document) =>
        Console.Out.WriteLine(JsonSerializer.Serialize(document, WireJson.Document));
}
