using WasmPerfDiff.Store;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary>Case records for scheduler tests (the modules are never read by fake runtimes).</summary>
public static class TestCases
{
    public static IReadOnlyList<CaseRecord> Make(int count, string? expectedSha = null) =>
        Enumerable.Range(1, count)
            .Select(i => new CaseRecord($"case{i}", "unit", $"/nonexistent/case{i}.wasm", $"sha{i}", ["7"], null, expectedSha, "test"))
            .ToList();

    public static string TempDb() => Path.Combine(Directory.CreateTempSubdirectory("perfdiff-store-").FullName, "campaign.db");
}
