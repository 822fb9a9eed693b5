using System.Diagnostics;
using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Embedded;
using WasmPerfDiff.Runtimes.Node;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Host;

/// <summary>A fact skipped (with the reason) when the launcher cannot be built here.</summary>
public sealed class RequiresLauncherFactAttribute : FactAttribute
{
    public RequiresLauncherFactAttribute()
    {
        if (Launcher.Path is null) Skip = $"no launcher: {Launcher.UnavailableReason}";
    }
}

/// <summary>Nothing the tool started outlives it: not after SIGKILL of the tool, not after a timeout, not after a normal exit.</summary>
// Counts files other test processes also create in /tmp: run alone, not beside the parallel collections.
[Collection(WasmPerfDiff.Tests.Workflows.QuietMachineCollection.Name)]
public class NoOrphansTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static string EscapeConfig(string script) =>
        UserConfig.Write(new { name = "escape", command = new[] { TestModules.FakeRuntime(script), "{wasm}" }, probe = false });

    private static bool Alive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z'); }
        catch (IOException) { return false; }
    }

    private static int[] Pids(string file) =>
        File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Trim().Length > 0).Select(int.Parse).ToArray() : [];

    private static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid))
                try { parents[pid] = int.Parse(File.ReadAllText($"{dir}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, ppid) in parents)
                if (tree.Contains(ppid) && tree.Add(pid)) grew = true;
        }
        tree.Remove(root);
        return tree;
    }

    private static Process StartCli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        KilledTools.Add(p.Id);
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        return p;
    }

    private async Task<TimeSpan> GoneWithin(IReadOnlyCollection<int> pids, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (pids.Any(Alive))
        {
            Assert.True(watch.Elapsed < limit, $"still alive after {limit.TotalSeconds} s: {string.Join(", ", pids.Where(Alive))}");
            await Task.Delay(10);
        }
        output.WriteLine($"{pids.Count} processes gone {watch.Elapsed.TotalMilliseconds:F0} ms after the kill");
        return watch.Elapsed;
    }

    private static async Task<T> Eventually<T>(Func<T?> probe, TimeSpan limit) where T : class
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (probe() is T found) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException("the expected processes did not appear");
    }

    [RequiresLauncherFact]
    public async Task After_sigkill_of_the_tool_a_runtime_its_sigterm_ignoring_child_and_its_setsid_grandchild_are_gone_within_a_second()
    {
        var wasm = TestModules.Wat("hello");
        using var cli = StartCli("exec", wasm, "--config", EscapeConfig("escape.sh"), "--runtime", "escape", "--timeout", "600", "--json");
        var pids = await Eventually(() => Pids(wasm + ".pids") is { Length: 3 } p ? p : null, TimeSpan.FromSeconds(30));
        var all = pids.Concat(Descendants(cli.Id)).Distinct().ToArray();
        cli.Kill(); // SIGKILL: the tool gets no chance to clean up
        await GoneWithin(all, TimeSpan.FromSeconds(1));
    }

    [RequiresLauncherFact]
    public async Task After_sigkill_of_the_tool_the_embedded_wasmtime_worker_spinning_in_a_guest_loop_is_gone_within_a_second()
    {
        using var cli = StartCli("exec", TestModules.Wat("spin"), "--runtime", "wasmtime-cranelift", "--timeout", "600", "--json");
        var worker = await Eventually(() => Descendants(cli.Id).Where(p => Cmdline(p).Contains(WasmtimeWorker.Verb)).ToArray() is { Length: > 0 } w ? w : null,
            TimeSpan.FromSeconds(30));
        var all = worker.Concat(Descendants(cli.Id)).Distinct().ToArray();
        cli.Kill();
        await GoneWithin(all, TimeSpan.FromSeconds(1));
    }

    private static string Cmdline(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
    }

    [RequiresLauncherFact]
    public async Task A_timeout_kills_a_sigterm_ignoring_runtime_and_its_setsid_grandchild()
    {
        var wasm = TestModules.Wat("hello");
        var runtime = RuntimeCatalog.Load(EscapeConfig("escape.sh")).Select(["escape"]).Single();
        var r = await runtime.RunAsync(new RunRequest(wasm, [], TimeSpan.FromSeconds(1)));
        Assert.Equal(RunStatus.Timeout, r.Status);
        Assert.InRange(r.WallMs, 900, 2500);
        await GoneWithin(Pids(wasm + ".pids"), TimeSpan.FromMilliseconds(100));
    }

    [RequiresLauncherFact]
    public async Task A_daemon_left_by_a_runtime_that_exited_is_killed_and_costs_the_run_no_drain_grace()
    {
        var wasm = TestModules.Wat("hello");
        var runtime = RuntimeCatalog.Load(EscapeConfig("leave-daemon.sh")).Select(["escape"]).Single();
        var watch = Stopwatch.StartNew();
        var r = await runtime.RunAsync(new RunRequest(wasm, [], TimeSpan.FromSeconds(30)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"the run took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal(6, r.StdoutBytes);
        var daemon = Assert.Single(Pids(wasm + ".pids"));
        await GoneWithin([daemon], TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The tool processes these tests start and SIGKILL: the .NET runtime of a killed tool itself leaves its
    /// diagnostics files (that is the test's doing, not the tool's); what is checked is that runs leave none.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<int> KilledTools = [];

    private static readonly string[] LeakPatterns = ["perfdiff-marks-*", "clr-debug-pipe-*", "dotnet-diagnostic-*"];

    private static HashSet<string> TempLeftovers() =>
        LeakPatterns.SelectMany(p => Directory.EnumerateFileSystemEntries(Path.GetTempPath(), p)).ToHashSet();

    private static int? OwnerPid(string file) =>
        Path.GetFileName(file).Split('-') is var parts && parts.Length > 3 && int.TryParse(parts[^3], out var pid) ? pid : null;

    [RequiresLauncherFact]
    public async Task Runs_that_time_out_or_whose_tool_is_killed_leave_no_temp_files()
    {
        var before = TempLeftovers();
        var spin = TestModules.Wat("spin");
        IRuntime[] runtimes = [new EmbeddedWasmtimeRuntime(WasmtimeTier.Cranelift), V8Runtime.TurboFan()];
        for (var i = 0; i < 6; i++)
        {
            var r = await runtimes[i % 2].RunAsync(new RunRequest(spin, [], TimeSpan.FromMilliseconds(300 + 100 * i)));
            Assert.Equal(RunStatus.Timeout, r.Status);
        }
        // A tool killed mid-run leaves its scratch directory; the next tool start sweeps it.
        using (var cli = StartCli("exec", spin, "--runtime", "wasmtime-cranelift", "--timeout", "600", "--json"))
        {
            var scratch = Path.Combine(Path.GetTempPath(), $"perfdiff-run-{cli.Id}");
            await Eventually(() => Directory.Exists(scratch) && Descendants(cli.Id).Any(p => Cmdline(p).Contains(WasmtimeWorker.Verb)) ? scratch : null, TimeSpan.FromSeconds(30));
            cli.Kill();
            await cli.WaitForExitAsync();
            await Task.Delay(1000); // the launcher kills the worker
            ScratchDirectory.SweepStale(); // (a tool started meanwhile by another test may have swept it already)
            Assert.False(Directory.Exists(scratch), "a dead tool's scratch directory was not swept");
        }
        var leaked = TempLeftovers().Except(before)
            .Where(f => !KilledTools.Any(pid => Path.GetFileName(f).Contains($"-{pid}-")))
            .Where(f => !(OwnerPid(f) is int pid && Directory.Exists($"/proc/{pid}"))) // a live .NET process's own files (other jobs on this machine)
            .ToList();
        Assert.True(leaked.Count == 0, "left behind: " + string.Join(", ", leaked));
    }
}
