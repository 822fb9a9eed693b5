using WasmPerfDiff.Host;
using Wasmtime;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Runtimes.Embedded;

/// <summary>
/// Wasmtime embedded through its .NET binding, one configuration per tier. The module runs in a worker
/// child process (this tool re-invoked with a hidden verb) so that a native crash cannot end a campaign;
/// the worker reports compile / instantiate / execute on a side channel.
/// </summary>
public sealed class EmbeddedWasmtimeRuntime(WasmtimeTier tier) : IRuntime
{
    private readonly Lazy<RuntimeAvailability> _availability = new(() => Probe(tier));

    public WasmtimeTier WasmtimeTier => tier;
    public string Name => tier.RuntimeName();
    public string Engine => "wasmtime";
    public string Tier => tier.TierName();

    public static string Version => typeof(Wasmtime.Engine).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "unknown";

    public string Describe() => $"embedded Wasmtime {Version} ({Tier}) in a worker process";

    public RuntimeAvailability Detect() => _availability.Value;

    /// <summary>The worker runs the compiled module a second time in a new store when asked (<c>--warm</c>).</summary>
    public bool CanRunWarm => true;

    public Task<Launch> PrepareAsync(RunRequest request, LaunchOptions options, CancellationToken cancellationToken = default)
    {
        var availability = Detect();
        if (!availability.Available)
            return Task.FromResult(Launch.Refused(availability.Reason ?? "unavailable"));

        var marks = ScratchDirectory.NewFile("marks", ".json");
        List<string> args = [WorkerLauncher.CliDll!, WasmtimeWorker.Verb, "--tier", Tier, "--marks", marks];
        if (request.Dir is not null) args.AddRange(["--dir", Path.GetFullPath(request.Dir)]);
        if (options.PerfMap) args.Add("--perfmap");
        if (options.Warm) args.Add("--warm");
        if (options.Warm && request.StdinPath is not null) args.AddRange(["--warm-stdin", Path.GetFullPath(request.StdinPath)]);
        args.AddRange(["--", Path.GetFullPath(request.WasmPath), .. request.Args]);
        var spec = new ProcessSpec(WorkerLauncher.DotnetHost!, args, request.Timeout)
        {
            StdinPath = request.StdinPath,
            // The worker needs no tiered-JIT warm-up of its own: start fast, stay quiet. No diagnostics server:
            // it would create clr-debug-pipe-*/dotnet-diagnostic-* files in /tmp that a killed worker leaves behind.
            Environment = new Dictionary<string, string>
            {
                ["DOTNET_TieredPGO"] = "0", ["DOTNET_TC_QuickJitForLoops"] = "1", ["DOTNET_NOLOGO"] = "1", ["DOTNET_EnableDiagnostics"] = "0",
            },
        };
        return Task.FromResult(new Launch(spec, marks));
    }

    private static RuntimeAvailability Probe(WasmtimeTier tier)
    {
        if (WorkerLauncher.CliDll is null)
            return RuntimeAvailability.Missing($"{WorkerLauncher.CliAssembly} not found in {AppContext.BaseDirectory}");
        if (WorkerLauncher.DotnetHost is null)
            return RuntimeAvailability.Missing("the dotnet host was not found (set DOTNET_ROOT)");
        try
        {
            using var engine = new Wasmtime.Engine(tier.CreateConfig(perfMap: false));
            if (tier == WasmtimeTier.Pulley && !WasmtimeTiers.IsPulley(engine))
                return RuntimeAvailability.Missing("this libwasmtime build has no Pulley interpreter");
            return new RuntimeAvailability(true, Version, typeof(Wasmtime.Engine).Assembly.Location, null);
        }
        catch (Exception e) // a probe: whatever the native library or the binding throws means "not available"
        {
            return RuntimeAvailability.Missing($"libwasmtime refused the {tier.TierName()} configuration: {e.Message.Split('\n')[0]}");
        }
    }
}
