using System.Diagnostics;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Tests.Support;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// The reducer's check client asks the reduce process over a socket and exits with its answer; when the reducer kills
/// the client mid-check (its timeout), the check stops and takes its runtime with it; with no server it runs the
/// fallback command itself. Real client, real server, real checks on wasm3 (a twin of it as the target).
/// </summary>
[Collection(ReduceEndToEndTests.Collection)]
public class CheckServerTests
{
    private const string Endless = "#include <stdio.h>\nint main(int argc, char **argv) {\n  volatile unsigned i = 0;\n  for (;;) i++;\n}\n";

    [RequiresReduceToolsFact]
    public async Task The_client_gets_the_servers_answer_and_killing_it_stops_the_check_and_its_runtime()
    {
        var (specPath, folder, outDir) = await SpecAsync();
        var socket = Path.Combine(folder, "check.sock");
        await using (var server = CheckServer.TryStart(socket, (c, t) => ReduceCheckWorkflow.RunAsync(specPath, c, t), Path.Combine(folder, "server.log")))
        {
            Assert.NotNull(server);
            // The planted program on wasm3 against its twin: ×1.0, not interesting, and logged as a step by the server.
            var small = Path.Combine(folder, "small.c");
            using (var client = StartClient(socket, small, "/usr/bin/touch", Path.Combine(folder, "fallback-ran")))
            {
                await client.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
                Assert.Equal(1, client.ExitCode);
            }
            Assert.False(File.Exists(Path.Combine(folder, "fallback-ran")));
            Assert.Single(File.ReadAllLines(Path.Combine(outDir, ReductionFolder.StepsFile)));

            // An endless candidate: wasm3 runs it until the client is killed, then the check stops it.
            var endless = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "endless")).FullName, "small.c");
            File.WriteAllText(endless, Endless);
            var checks = Path.Combine(WasmPerfDiff.Host.ScratchDirectory.Path, "check-");
            using var hanging = StartClient(socket, endless, "/usr/bin/touch", Path.Combine(folder, "fallback-ran"));
            // wasm3 on the check's module: the compilers before it mention the check's folder too, but end by themselves.
            List<int> Runtime() => [.. LiveProcesses.Mentioning(checks).Intersect(LiveProcesses.Mentioning(PlantedReduction.Wasm3!))];
            var clock = Stopwatch.StartNew();
            while (Runtime().Count == 0 && clock.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(100);
            Assert.NotEmpty(Runtime());
            hanging.Kill();
            clock.Restart();
            while (LiveProcesses.Mentioning(checks).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(100);
            Assert.Empty(LiveProcesses.Mentioning(checks));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the check outlived its client");
        }
        Assert.False(File.Exists(socket));
    }

    [RequiresReduceToolsFact]
    public async Task A_connection_that_sends_nothing_does_not_stall_the_checks_behind_it()
    {
        var (specPath, folder, outDir) = await SpecAsync();
        var socket = Path.Combine(folder, "check.sock");
        await using var server = CheckServer.TryStart(socket, (c, t) => ReduceCheckWorkflow.RunAsync(specPath, c, t), Path.Combine(folder, "server.log"));
        Assert.NotNull(server);
        using var silent = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        await silent.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
        using var client = StartClient(socket, Path.Combine(folder, "small.c"), "/usr/bin/touch", Path.Combine(folder, "fallback-ran"));
        await client.WaitForExitAsync().WaitAsync(CheckServer.RequestTimeout + TimeSpan.FromMinutes(2));
        Assert.Equal(1, client.ExitCode);   // answered by the server: ×1.0 is not interesting
        Assert.Single(File.ReadAllLines(Path.Combine(outDir, ReductionFolder.StepsFile)));
    }

    [RequiresReduceToolsFact]
    public async Task A_check_that_fails_with_an_error_is_not_interesting_and_the_server_goes_on()
    {
        // Every check here fails (its spec is gone), and so does writing why (the log's folder is gone too).
        var folder = Directory.CreateTempSubdirectory("perfdiff-server-").FullName;
        var candidate = Path.Combine(folder, "small.c");
        File.WriteAllText(candidate, Endless);
        var socket = Path.Combine(folder, "check.sock");
        await using var server = CheckServer.TryStart(socket, (c, t) => ReduceCheckWorkflow.RunAsync(Path.Combine(folder, "gone", "spec.json"), c, t),
            Path.Combine(folder, "gone", "server.log"));
        Assert.NotNull(server);
        foreach (var attempt in new[] { "first", "second" })
        {
            using var client = StartClient(socket, candidate, "/usr/bin/touch", Path.Combine(folder, "fallback-ran"));
            await client.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(client.ExitCode == 1, attempt);
        }
        Assert.False(File.Exists(Path.Combine(folder, "fallback-ran")));
    }

    [RequiresReduceToolsFact]
    public async Task With_no_server_the_client_runs_the_fallback_check()
    {
        var folder = Directory.CreateTempSubdirectory("perfdiff-client-").FullName;
        var candidate = Path.Combine(folder, "small.c");
        File.WriteAllText(candidate, Endless);
        var marker = Path.Combine(folder, "fallback-ran");
        using var client = StartClient(Path.Combine(folder, "no-server.sock"), candidate, "/usr/bin/touch", marker);
        await client.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, client.ExitCode);
        Assert.True(File.Exists(marker));
    }

    private static Process StartClient(string socket, string candidate, params string[] fallback)
    {
        var client = CheckClient.Path ?? throw new InvalidOperationException("the check client could not be built");
        var psi = new ProcessStartInfo(client) { UseShellExecute = false };
        foreach (var a in (string[])[socket, candidate, "--", .. fallback]) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>The planted program reduced with wasm3's twin as the target, its runs timing out after a minute.</summary>
    private static async Task<(string SpecPath, string Folder, string OutDir)> SpecAsync()
    {
        var p = await PlantedReduction.CreateAsync("small");
        var (_, specPath, outDir, _) = await p.TwinSpecAsync(p.WriteTwinConfig(), s => s with { MaxRuns = 3, RunTimeout = TimeSpan.FromMinutes(1) });
        return (specPath, p.Folder, outDir);
    }
}
