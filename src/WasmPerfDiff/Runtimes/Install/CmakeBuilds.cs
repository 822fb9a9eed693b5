using System.Text.RegularExpressions;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Runtimes.Install;

/// <summary>
/// Builds one <see cref="SourceBuild"/> with cmake (configure, then build with every core) in a scratch
/// folder: no shell, bounded time (the whole process tree is killed at the limit), each output line passed
/// to the progress display (cmake's <c>[ 45%]</c> or Ninja's <c>[12/80]</c> becomes the bar), and on failure
/// one line naming the step and cmake's last error line.
/// </summary>
public static partial class CmakeBuilds
{
    /// <summary>Configure + build of one runtime; <c>$WASM_PERFDIFF_BUILD_TIMEOUT</c> (minutes) overrides.</summary>
    public static TimeSpan Limit =>
        Environment.GetEnvironmentVariable("WASM_PERFDIFF_BUILD_TIMEOUT") is { } s && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0
            ? TimeSpan.FromMinutes(m) : TimeSpan.FromMinutes(30);

    /// <summary>Configures and builds; returns the produced program's path.</summary>
    public static async Task<string> BuildAsync(string id, string sourceDir, string buildDir, SourceBuild build, int step, int steps,
        IProgress<InstallProgress>? progress, CancellationToken cancel)
    {
        var cmake = ExecutableSearch.Find("cmake") ?? throw new BadInputException($"{id}: cmake not found on PATH: it builds this runtime from source (Debian: apt-get install cmake)");
        if (!File.Exists(Path.Combine(sourceDir, "CMakeLists.txt")))
            throw new BadInputException($"{id}: the source has no {build.Dir}/CMakeLists.txt (not the upstream layout?)");
        var deadline = DateTime.UtcNow + Limit;
        var label = $"build {step}/{steps}";
        progress?.Report(new InstallProgress(label, $"{id}: configuring ({string.Join(' ', build.Flags)})", 0, 100));
        await RunAsync(id, "configure", cmake, ["-S", sourceDir, "-B", buildDir, .. build.Flags], deadline, label, progress, cancel);
        await RunAsync(id, "build", cmake, ["--build", buildDir, "--parallel", Environment.ProcessorCount.ToString()], deadline, label, progress, cancel);
        var output = Path.Combine(buildDir, build.Output);
        if (!File.Exists(output)) throw new BadInputException($"{id}: the build finished but made no {build.Output}");
        progress?.Report(new InstallProgress(label, $"{id}: built {build.Output}", 100, 100));
        return output;
    }

    private static async Task RunAsync(string id, string what, string cmake, IReadOnlyList<string> args, DateTime deadline, string label,
        IProgress<InstallProgress>? progress, CancellationToken cancel)
    {
        var tail = new Queue<string>();
        var errors = new List<string>();
        long percent = 0;
        void Line(string line, bool error)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 30) tail.Dequeue();
                if (error || line.Contains("error", StringComparison.OrdinalIgnoreCase)) errors.Add(line);
                if (Percent().Match(line) is { Success: true } m) percent = long.Parse(m.Groups[1].Value);
                else if (NinjaStep().Match(line) is { Success: true } n && long.Parse(n.Groups[2].Value) > 0)
                    percent = 100 * long.Parse(n.Groups[1].Value) / long.Parse(n.Groups[2].Value);
            }
            progress?.Report(new InstallProgress(label, $"{id}: {what}: {line.Trim()}", what == "build" ? percent : 0, 100));
        }
        var left = deadline - DateTime.UtcNow is var l && l > TimeSpan.Zero ? l : TimeSpan.FromMilliseconds(1);
        // Under the launcher (ChildProcess): at the limit a parallel build's whole tree goes, however fast it forks.
        var (stdout, stderr) = (new LineSplitter(line => Line(line, false)), new LineSplitter(line => Line(line, true)));
        var outcome = await Host.Processes.ChildProcess.RunAsync(new Host.Processes.ProcessSpec(cmake, args, left) { CaptureBytes = 0 },
            stderr.Append, cancel, stdout.Append);
        stdout.Flush();
        stderr.Flush();
        cancel.ThrowIfCancellationRequested();
        if (outcome.SpawnError is { } spawn) throw new BadInputException($"{id}: cmake {what}: {spawn}");
        if (outcome.TimedOut)
            throw new BadInputException($"{id}: cmake {what} did not finish within {Limit.TotalMinutes:0} min ($WASM_PERFDIFF_BUILD_TIMEOUT sets the limit)");
        if (outcome.ExitCode != 0)
        {
            string last;
            lock (tail) last = errors.LastOrDefault(e => e.Trim().Length > 0) ?? tail.LastOrDefault(t => t.Trim().Length > 0) ?? "no output";
            var exit = outcome.ExitCode is int code ? $"exit {code}" : $"signal {outcome.Signal}";
            throw new BadInputException($"{id}: cmake {what} failed ({exit}): {Clip(last.Trim())}");
        }
    }

    private static string Clip(string s) => s.Length > 300 ? s[..300] + "…" : s;

    [GeneratedRegex(@"^\[\s*(\d{1,3})%\]")]
    private static partial Regex Percent();

    [GeneratedRegex(@"^\[(\d+)/(\d+)\]")]
    private static partial Regex NinjaStep();

    /// <summary>A stream's chunks as lines (UTF-8, a line split between chunks joined, a trailing CR dropped).</summary>
    private sealed class LineSplitter(Action<string> onLine)
    {
        private readonly System.Text.Decoder _utf8 = System.Text.Encoding.UTF8.GetDecoder();
        private readonly System.Text.StringBuilder _line = new();

        public void Append(ReadOnlySpan<byte> chunk)
        {
            var chars = new char[_utf8.GetCharCount(chunk, flush: false)];
            _utf8.GetChars(chunk, chars, flush: false);
            foreach (var c in chars)
            {
                if (c != '\n') { _line.Append(c); continue; }
                onLine(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
        }

        public void Flush()
        {
            if (_line.Length > 0) onLine(_line.ToString());
            _line.Clear();
        }
    }
}
