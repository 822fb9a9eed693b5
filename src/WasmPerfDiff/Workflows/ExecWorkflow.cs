using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>exec</c> asks for (timeout in seconds): one module with its arguments, stdin and preopened directory, on the named runtimes (none = all available).</summary>
public sealed record ExecRequest(string Wasm, IReadOnlyList<string> Args, double Timeout, string? StdinPath, string? Directory,
    IReadOnlyList<string> Runtimes, string? ConfigPath);

/// <summary>The runs of one program on each runtime, one after the other; ok when every run is ok with the same stdout.</summary>
public sealed record ExecResult(IReadOnlyList<RunResult> Runs)
{
    public bool AllOk => Runs.All(r => r.Status == RunStatus.Ok) && Runs.Select(r => r.StdoutSha256).Distinct().Count() == 1;
}

public static class ExecWorkflow
{
    public static async Task<ExecResult> RunAsync(ExecRequest request, Action<IRuntime>? onStart, CancellationToken ct)
    {
        ModuleCheck.EnsureValid(request.Wasm);
        var timeout = Durations.FromSeconds(request.Timeout, nameof(request.Timeout));
        if (request.StdinPath is { } s) Host.InputFile.RequireRegular(s, "Stdin", "stdin file");
        if (request.Directory is { } d && !System.IO.Directory.Exists(d)) throw new BadInputException($"directory not found: {d}");
        var runtimes = RuntimeCatalog.Load(request.ConfigPath).Select(request.Runtimes);
        if (runtimes.Count == 0) throw new BadInputException("no runtime is available (see: wasm-perfdiff doctor)");
        var run = new RunRequest(request.Wasm, request.Args, timeout, request.StdinPath, request.Directory);
        run.Validate();
        var results = new List<RunResult>();
        foreach (var r in runtimes)
        {
            onStart?.Invoke(r);
            results.Add(await r.RunAsync(run, ct));
        }
        return new ExecResult(results);
    }
}
