using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Tests.Host;

/// <summary>The process runner every measurement stands on, with small real processes.</summary>
public sealed class ChildProcessTests
{
    private static Task<ProcessOutcome> Run(string exe, params string[] args) =>
        ChildProcess.RunAsync(new ProcessSpec(exe, args, TimeSpan.FromSeconds(20)));

    [Fact]
    public async Task Exit_codes_come_back_as_they_are()
    {
        Assert.Equal(0, (await Run("/bin/true")).ExitCode);
        Assert.Equal(1, (await Run("/bin/false")).ExitCode);
    }

    [Fact]
    public async Task Stdout_is_counted_and_hashed()
    {
        var o = await Run("/bin/echo", "hello");
        Assert.Equal(6, o.Stdout.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("hello\n"))), o.Stdout.Sha256);
    }

    [Fact]
    public async Task A_stdin_file_is_fed_to_the_child()
    {
        var input = Path.GetTempFileName();
        await File.WriteAllTextAsync(input, "fed through stdin\n");
        var o = await ChildProcess.RunAsync(new ProcessSpec("/bin/cat", [], TimeSpan.FromSeconds(20)) { StdinPath = input });
        Assert.Equal("fed through stdin\n", Encoding.ASCII.GetString(o.Stdout.Head));
        File.Delete(input);
    }

    [Fact]
    public async Task A_hung_child_is_killed_at_the_timeout()
    {
        var watch = Stopwatch.StartNew();
        var o = await ChildProcess.RunAsync(new ProcessSpec("/bin/sleep", ["30"], TimeSpan.FromMilliseconds(300)));
        Assert.True(o.TimedOut);
        Assert.Equal(9, o.Signal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_signal_is_reported_as_the_signal()
    {
        var o = await Run("/bin/sh", "-c", "kill -SEGV $$");
        Assert.Null(o.ExitCode);
        Assert.Equal(11, o.Signal);
    }

    [Fact]
    public async Task A_missing_program_is_not_spawned_and_says_which()
    {
        var o = await Run("/nonexistent/runtime");
        Assert.False(o.Spawned);
        Assert.Contains("/nonexistent/runtime", o.SpawnError);
    }

    [Fact]
    public async Task The_stderr_observer_sees_every_byte()
    {
        var seen = new StringBuilder();
        var o = await ChildProcess.RunAsync(new ProcessSpec("/bin/sh", ["-c", "echo one >&2; echo two >&2"], TimeSpan.FromSeconds(20)),
            chunk => seen.Append(Encoding.ASCII.GetString(chunk)));
        Assert.Equal("one\ntwo\n", seen.ToString());
        Assert.Equal(8, o.Stderr.Bytes);
    }

    [Fact]
    public async Task Megabytes_on_stdout_and_stderr_at_once_are_all_read()
    {
        // Both pipes fill at the same time: a runner that read one stream to its end before the other would deadlock.
        var o = await Run("/bin/sh", "-c", "head -c 3000000 /dev/zero >&2 & head -c 5000000 /dev/zero; wait");
        Assert.Equal(0, o.ExitCode);
        Assert.Equal(5_000_000, o.Stdout.Bytes);
        Assert.Equal(3_000_000, o.Stderr.Bytes);
        Assert.False(o.TimedOut);
    }

    [Fact]
    public async Task Cancelling_a_run_stops_the_child_at_once()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        var o = await ChildProcess.RunAsync(new ProcessSpec("/bin/sleep", ["30"], TimeSpan.FromSeconds(60)), cancellationToken: cancel.Token);
        Assert.Equal(9, o.Signal);
        Assert.False(o.TimedOut);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
