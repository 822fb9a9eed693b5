using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Profiling;

/// <summary>Profiles one request on one runtime: the runtime's own launch with JIT symbol maps switched on, sampled by perf.</summary>
public static class RuntimeProfiler
{
    public static async Task<SampledRun> SampleAsync(IRuntime runtime, RunRequest request, WasmFunctionNames names, PerfOptions options,
        CancellationToken cancellationToken = default)
    {
        var launch = await runtime.PrepareAsync(request, new LaunchOptions(PerfMap: true), cancellationToken);
        if (launch.Spec is null)
            throw new BadInputException($"cannot profile on {runtime.Name}: {launch.FailureMessage ?? "the runtime could not prepare the run"}");
        try
        {
            var spec = launch.Spec;
            // .NET would write its own /tmp/perf-<pid>.map into the same file as Wasmtime in the
            // worker process if the user's environment turned it on: keep the file Wasmtime's.
            var environment = new Dictionary<string, string>(spec.Environment) { ["DOTNET_PerfMapEnabled"] = "0" };
            var profileLaunch = new ProfileLaunch([spec.Executable, .. spec.Arguments], environment)
            {
                WorkingDirectory = spec.WorkingDirectory,
                StdinPath = spec.StdinPath,
            };
            return await Profiler.SampleAsync(profileLaunch, names, options with { Timeout = options.Timeout ?? spec.Timeout }, cancellationToken);
        }
        finally
        {
            foreach (var file in launch.ScratchFiles) File.Delete(file);
        }
    }
}
