using System.Diagnostics;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Cli;
using WasmPerfDiff.Runtimes.Embedded;
using WasmPerfDiff.Runtimes.Node;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Host;

/// <summary>A theory skipped (with the reason) when the launcher, /usr/bin/time or the shared runtime builds are missing.</summary>
public sealed class RequiresLauncherTheoryAttribute : TheoryAttribute
{
    public RequiresLauncherTheoryAttribute()
    {
        if (Launcher.Path is null) Skip = $"no launcher: {Launcher.UnavailableReason}";
        else if (!File.Exists("/usr/bin/time")) Skip = "/usr/bin/time missing (Debian package time; scripts/install-deps.sh)";
    }
}

/// <summary>
/// Max RSS the tool stores is the runtime's own, not the .NET tool's: within 10 % of what GNU time
/// (<c>/usr/bin/time -f %M</c>, which forks from its own small process) reports for the very same command.
/// </summary>
public class MeasuredRssTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var runtime in new[] { "wasm3", "iwasm", "wasmedge", "v8-turbofan", "wasmtime-cranelift" })
            foreach (var module in new[] { "hello", "grow200mb" })
                data.Add(runtime, module);
        return data;
    }

    private static IRuntime? Runtime(string name) => name switch
    {
        "v8-turbofan" => V8Runtime.TurboFan(),
        "wasmtime-cranelift" => new EmbeddedWasmtimeRuntime(WasmtimeTier.Cranelift),
        _ => SharedRuntimes.Find(name) is string path
            ? RuntimeCatalog.Load(UserConfig.Write(new { name, command = new[] { path, "{wasm}", "{args}" } })).Select([name]).Single()
            : null,
    };

    [RequiresLauncherTheory]
    [MemberData(nameof(Cases))]
    public async Task Max_rss_matches_gnu_time_within_ten_percent(string runtimeName, string module)
    {
        var runtime = Runtime(runtimeName);
        if (runtime is null || !runtime.Detect().Available) return; // not on this machine: nothing to compare
        var request = new RunRequest(TestModules.Wat(module), [], TimeSpan.FromSeconds(60));
        if (runtime is CliRuntime && !(await runtime.RunAsync(new RunRequest(TestModules.Wat("hello"), [], TimeSpan.FromSeconds(30)))).Status.Equals(RunStatus.Ok))
            return; // a broken build on this machine (e.g. a shared library missing): not what this test checks

        var ours = new List<long>();
        var theirs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var r = await runtime.RunAsync(request);
            Assert.Equal(RunStatus.Ok, r.Status);
            ours.Add(r.MaxRssKb);
            theirs.Add(await GnuTimeMaxRssKb(runtime, request));
        }
        // Medians of three: the runtimes' own peak varies a little from run to run (JIT threads, GC timing).
        var (a, b) = (ours.Order().ElementAt(1), theirs.Order().ElementAt(1));
        Assert.True(Math.Abs(a - b) <= 0.10 * b, $"{runtimeName} {module}: tool {a} KB vs /usr/bin/time {b} KB (all: [{string.Join(", ", ours)}] vs [{string.Join(", ", theirs)}])");
        if (module == "grow200mb") Assert.InRange(a, 200_000, 400_000);
    }

    private static async Task<long> GnuTimeMaxRssKb(IRuntime runtime, RunRequest request)
    {
        var launch = await runtime.PrepareAsync(request, LaunchOptions.Default);
        var spec = launch.Spec!;
        var output = Path.GetTempFileName();
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/time") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])["-f", "%M", "-o", output, spec.Executable, .. spec.Arguments]) psi.ArgumentList.Add(a);
            foreach (var (k, v) in spec.Environment) psi.Environment[k] = v;
            using var p = Process.Start(psi)!;
            var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
            await p.WaitForExitAsync();
            await drain;
            return long.Parse(File.ReadAllLines(output).Last(l => l.Trim().Length > 0).Trim());
        }
        finally
        {
            File.Delete(output);
            if (launch.MarksFile is not null) File.Delete(launch.MarksFile);
        }
    }
}
