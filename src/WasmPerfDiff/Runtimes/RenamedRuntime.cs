namespace WasmPerfDiff.Runtimes;

/// <summary>
/// The same runtime configuration under another name: the second side of an A = A <c>compare</c>, whose cells
/// must be told apart from the first side's in the store. Everything else is the inner runtime's.
/// </summary>
public sealed class RenamedRuntime(IRuntime inner, string name) : IRuntime
{
    public string Name { get; } = RuntimeNames.IsSafe(name) ? name : throw new BadInputException($"runtime name '{name}' must use {RuntimeNames.Alphabet}");
    public string Engine => inner.Engine;
    public string Tier => inner.Tier;
    public string Describe() => inner.Describe();
    public RuntimeAvailability Detect() => inner.Detect();
    public bool CanRunWarm => inner.CanRunWarm;

    public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default) =>
        inner.PrepareAsync(request, options, cancellationToken);
}
