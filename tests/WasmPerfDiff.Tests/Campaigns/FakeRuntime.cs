using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary>
/// An in-process stand-in runtime whose results a test scripts (wall time, status, output hash),
/// executed through <see cref="Execute"/> instead of a child process. Only for scheduler logic;
/// the end-to-end tests use real runtimes through the CLI.
/// </summary>
public sealed class FakeRuntime(string name, Func<RunRequest, int, RunResult>? script = null) : IRuntime
{
    public string Name => name;
    public string Engine => "fake";
    public string Tier => "scripted";
    public bool Available { get; init; } = true;
    public List<string> Calls { get; } = [];

    public string Describe() => $"fake {name}";

    public RuntimeAvailability Detect() => Available ? new(true, "1.0", null, null) : RuntimeAvailability.Missing("not installed");

    public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("a fake runtime starts no process; schedule it with FakeRuntime.Execute");

    /// <summary>The scheduler's run hook for fakes.</summary>
    public static Task<RunResult> Execute(IRuntime runtime, RunRequest request, CancellationToken ct) =>
        ((FakeRuntime)runtime).Run(request, ct);

    private Task<RunResult> Run(RunRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add(Path.GetFileNameWithoutExtension(request.WasmPath));
        return Task.FromResult(script?.Invoke(request, Calls.Count) ?? Ok(name, 100));
    }

    public static RunResult Ok(string runtime, double wallMs, string stdoutSha = "aa") =>
        new(runtime, RunStatus.Ok, 0, null, wallMs, wallMs * 0.9, 1, 2048, 10, stdoutSha, 0, "e3b0", new Phases(ExecuteMs: wallMs - 1),
            DateTimeOffset.UtcNow);

    public static RunResult Crash(string runtime) =>
        new(runtime, RunStatus.Crash, null, 11, 5, 1, 1, 1024, 0, "", 0, "", Phases.None, DateTimeOffset.UtcNow, "SIGSEGV");
}
