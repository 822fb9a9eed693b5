using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Embedded;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>Every committed module runs at its test size on wasmtime-cranelift and prints what the native build printed.</summary>
public class CorpusOnWasmtimeTests
{
    [Fact]
    public async Task Every_committed_module_is_ok_at_test_size_with_the_expected_output()
    {
        var corpus = CorpusPaths.Repository;
        var runtime = new EmbeddedWasmtimeRuntime(WasmtimeTier.Cranelift);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(corpus.Cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (c, ct) =>
        {
            var size = c.Size(CorpusCase.TestSize);
            var wasm = WasmMaterializer.WasmPath(corpus, c);
            var r = await runtime.RunAsync(new RunRequest(wasm, size.Args, TimeSpan.FromMinutes(2), corpus.StdinPath(c)), ct);
            if (r.Status != RunStatus.Ok) failures.Add($"{c.Name}: {r.Status.ToWire()} {r.Message}");
            else if (r.StdoutSha256 != size.StdoutSha256) failures.Add($"{c.Name}: stdout {r.StdoutSha256} != expected {size.StdoutSha256}");
            else if (r.Phases.ExecuteMs is null) failures.Add($"{c.Name}: no execute phase (markers missing?)");
        });
        Assert.Empty(failures);
    }
}
