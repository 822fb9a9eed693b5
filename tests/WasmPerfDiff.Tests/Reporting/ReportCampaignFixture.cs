using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Support;
using WasmPerfDiff.Host;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Tests.Reporting;

/// <summary>
/// One real campaign for the reporting tests, run once per test class: tiny WAT modules on three real
/// runtimes (two Wasmtime tiers and V8 Liftoff, or a third Wasmtime tier without node), three runs each.
/// One case is named like a script tag and exits with code 7, so it appears in the failure lists.
/// </summary>
public sealed class ReportCampaignFixture : IAsyncLifetime
{
    public const string ScriptCase = "<script>alert(1)</script>";

    public string Db { get; } = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-report-").FullName, "campaign.db");

    public IReadOnlyList<string> Runtimes { get; private set; } = [];

    public static IReadOnlyList<CaseRecord> Cases()
    {
        CaseRecord Case(string name, string wat)
        {
            var wasm = TestModules.Wat(wat);
            return new CaseRecord(name, "unit", wasm, FileHash.Sha256Hex(wasm), [], null, null, "test");
        }
        return [Case("busy-loop", "markers"), Case("hello", "hello"), Case("hello-again", "hello"), Case(ScriptCase, "exit7")];
    }

    public async Task InitializeAsync()
    {
        var catalog = RuntimeCatalog.Load();
        var third = catalog.Available().Any(r => r.Name == "v8-liftoff") ? "v8-liftoff" : "wasmtime-cranelift-o0";
        var runtimes = catalog.Select(["wasmtime-cranelift", "wasmtime-winch", third]);
        Runtimes = runtimes.Select(r => r.Name).ToList();
        using var store = CampaignStore.Open(Db);
        var settings = new CampaignSettings { Warmup = 0, MinRuns = 3, MaxRuns = 3, Seed = 5, Size = "test" };
        await new CampaignScheduler(store, settings, VerdictStoppingRule.ForCampaign(settings)).RunAsync(Cases(), runtimes, resume: false);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The reporting test classes share one campaign (it takes seconds of real runs to make).</summary>
[CollectionDefinition(Name)]
public sealed class ReportCampaignCollection : ICollectionFixture<ReportCampaignFixture>
{
    public const string Name = "report campaign";
}
