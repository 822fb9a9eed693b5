using System.ComponentModel;
using System.Globalization;

namespace WasmPerfDiff.Profiling;

/// <summary>The command to profile: argv (never run through a shell), environment additions, optional working directory and stdin file.</summary>
public sealed record ProfileLaunch(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment)
{
    public ProfileLaunch(IReadOnlyList<string> argv) : this(argv, new Dictionary<string, string>()) { }

    public string? WorkingDirectory { get; init; }
    public string? StdinPath { get; init; }
}

/// <summary>Sampling settings for <c>perf record</c>.</summary>
public sealed record PerfOptions(int FrequencyHz = PerfOptions.DefaultFrequencyHz, TimeSpan? Timeout = null, string PerfPath = "perf")
{
    /// <summary>
    /// Samples per second. Slightly off a round number so the sampling does not run in lockstep
    /// with periodic activity of the profiled program (timers firing at 1 kHz, say); about
    /// 1000 samples per second of run time is plenty to rank functions.
    /// </summary>
    public const int DefaultFrequencyHz = 999;

    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromMinutes(2);

    /// <summary>
    /// CPU time one sample stands for: the cpu-clock event with <c>-F f</c> fires every 1/f seconds of
    /// a thread's CPU time, so samples × 1000/f estimates milliseconds (within sampling error ~ √n samples).
    /// </summary>
    public double MsPerSample => 1000.0 / FrequencyHz;
}

/// <summary>How a sampled run went: samples taken, how the profiled program ended (or that it was stopped at the timeout).</summary>
public sealed record PerfRecording(long Samples, int ExitCode, bool TimedOut, string StderrTail);

/// <summary>
/// Samples a command with <c>perf record -e cpu-clock -F f -g</c> (software clock event: the
/// hardware counters are not available on the VMs this runs on; <c>-g</c> records call chains by
/// frame pointers, which JIT code of Wasmtime and V8 keeps) and reads the samples back with
/// <c>perf script</c>, which resolves JIT addresses through the <c>/tmp/perf-&lt;pid&gt;.map</c>
/// files the runtimes write.
/// </summary>
public static class PerfRecorder
{
    /// <summary>Fails with one line naming the fix when perf is missing or may not sample here.</summary>
    public static async Task CheckAvailableAsync(PerfOptions options, CancellationToken cancellationToken = default)
    {
        var data = Path.Combine(Path.GetTempPath(), $"perfdiff-check-{Environment.ProcessId}-{Guid.NewGuid():N}.data");
        try
        {
            var exit = await RunPerfAsync(options, ["record", "-e", "cpu-clock", "-q", "-o", data, "--", "true"], null, TimeSpan.FromSeconds(30), null, cancellationToken);
            if (exit.ExitCode != 0)
                throw Explain(exit.StderrTail);
        }
        finally
        {
            File.Delete(data);
        }
    }

    /// <summary>
    /// Bound of <c>perf script</c>, apart from the profiled run's timeout: reading back a short run's data with
    /// JIT maps can take longer than the run itself on a loaded machine (a 2 s run's script was cut off at 2 s).
    /// </summary>
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    /// <param name="onSample">
    /// Receives each sample as <c>perf script</c> streams it: a long run has millions of frames,
    /// which are folded on the fly rather than kept.
    /// </param>
    public static async Task<PerfRecording> RecordAsync(ProfileLaunch launch, PerfOptions options, Action<PerfSample> onSample,
        CancellationToken cancellationToken = default)
    {
        var data = Path.Combine(Path.GetTempPath(), $"perfdiff-{Environment.ProcessId}-{Guid.NewGuid():N}.data");
        var started = DateTime.UtcNow;
        try
        {
            string[] record = ["record", "-e", "cpu-clock", "-F", options.FrequencyHz.ToString(CultureInfo.InvariantCulture), "-g", "-q", "-o", data, "--", .. launch.Argv];
            // A run that hits the timeout is interrupted, not killed: where a hanging program spends its time is worth seeing.
            var run = await RunPerfAsync(options, record, launch, options.EffectiveTimeout, null, cancellationToken, interruptAtTimeout: true);
            if (run.TimedOut && !File.Exists(data))
                throw new BadInputException($"profiled run did not finish within {options.EffectiveTimeout.TotalSeconds:0} s and perf kept no data: {string.Join(' ', launch.Argv)}");
            if (!File.Exists(data))
                throw Explain(run.StderrTail);

            var count = 0L;
            var pids = new HashSet<int>();
            try
            {
                var script = await RunPerfAsync(options, ["script", "-i", data, "-F", PerfScriptParser.Fields], null, ScriptTimeout,
                    reader => Task.Run(() =>
                    {
                        foreach (var sample in PerfScriptParser.Parse(reader))
                        {
                            count++;
                            pids.Add(sample.Pid);
                            onSample(sample);
                        }
                    }, cancellationToken), cancellationToken);
                if (script.ExitCode != 0)
                    throw new BadInputException($"perf script failed: {LastLine(script.StderrTail)}");
            }
            finally
            {
                RemoveSymbolMaps(pids, started);
            }
            return new PerfRecording(count, run.ExitCode, run.TimedOut, run.StderrTail);
        }
        finally
        {
            File.Delete(data);
        }
    }

    private static async Task<PerfProcessExit> RunPerfAsync(PerfOptions options, string[] args, ProfileLaunch? launch,
        TimeSpan timeout, Func<StreamReader, Task>? readStdout, CancellationToken cancellationToken, bool interruptAtTimeout = false)
    {
        try
        {
            var perf = new ProfileLaunch([options.PerfPath, .. args], launch?.Environment ?? new Dictionary<string, string>())
            {
                WorkingDirectory = launch?.WorkingDirectory,
                StdinPath = launch?.StdinPath,
            };
            return await PerfProcess.RunAsync(perf, timeout, readStdout, cancellationToken, interruptAtTimeout);
        }
        catch (Win32Exception)
        {
            throw new BadInputException(MissingPerf);
        }
    }

    public const string MissingPerf = "perf is not installed: install it with 'apt-get install linux-perf' (Debian; 'linux-tools-$(uname -r)' on Ubuntu)";

    public const string NotPermitted =
        "perf may not sample here: run as root or allow it with 'sysctl kernel.perf_event_paranoid=1'";

    /// <summary>Turns perf's complaint into the one line a user needs.</summary>
    public static BadInputException Explain(string stderr)
    {
        if (stderr.Contains("perf_event_paranoid", StringComparison.Ordinal) || stderr.Contains("ermission", StringComparison.Ordinal)
            || stderr.Contains("EACCES", StringComparison.Ordinal))
            return new BadInputException(NotPermitted);
        // Distribution wrappers of /usr/bin/perf need the perf build of the running kernel
        // (Ubuntu: "perf not found for kernel X"; Debian: "E: linux-perf-X is not installed").
        if (stderr.Contains("not found for kernel", StringComparison.Ordinal) || stderr.Contains("is not installed", StringComparison.Ordinal))
            return new BadInputException(MissingPerf);
        return new BadInputException($"perf record failed: {LastLine(stderr)}");
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no message)";

    /// <summary>
    /// Deletes the JIT symbol maps the profiled processes wrote (they are only needed until perf
    /// script has resolved the addresses, and /tmp would collect one per run otherwise). Only maps
    /// of sampled processes written during this recording are touched.
    /// </summary>
    private static void RemoveSymbolMaps(IEnumerable<int> pids, DateTime startedUtc)
    {
        foreach (var pid in pids)
        {
            var map = Path.Combine("/tmp", $"perf-{pid}.map");
            try
            {
                if (File.Exists(map) && File.GetLastWriteTimeUtc(map) >= startedUtc.AddSeconds(-1))
                    File.Delete(map);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
