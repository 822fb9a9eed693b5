using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Runtimes.Node;

/// <summary>
/// How a JavaScript engine runs a WASI module through our runner script (<c>runner.mjs</c>): the engine's
/// program, its flags and environment, and the runner's arguments; phase marks go to a side-channel file.
/// </summary>
internal static class JsRunner
{
    public static Launch Launch(string program, IReadOnlyList<string> flags, IReadOnlyDictionary<string, string> environment,
        string runner, RunRequest request, IReadOnlyList<string>? extraFlags = null, IReadOnlyList<string>? runnerArgs = null, bool v8Log = false)
    {
        var marks = ScratchDirectory.NewFile("marks", ".json");
        List<string> args = [.. flags, .. extraFlags ?? []];
        // V8's --perf-basic-prof also turns its event log on: the log goes beside the marks, not into the working directory, and is deleted with them.
        var log = marks + ".v8.log";
        if (v8Log) args.AddRange([$"--logfile={log}", "--no-logfile-per-isolate"]);
        args.AddRange([runner, .. runnerArgs ?? [], "--marks", marks]);
        if (request.Dir is not null) args.AddRange(["--dir", Path.GetFullPath(request.Dir)]);
        args.AddRange(["--", Path.GetFullPath(request.WasmPath), .. request.Args]);
        return new Launch(new ProcessSpec(program, args, request.Timeout) { StdinPath = request.StdinPath, Environment = environment }, marks)
        {
            ExtraScratchFiles = v8Log ? [log] : [],
        };
    }

    /// <summary>The runner's arguments for a warm run (<see cref="LaunchOptions.Warm"/>), none otherwise.</summary>
    public static IReadOnlyList<string>? WarmArgs(RunRequest request, LaunchOptions options) =>
        !options.Warm ? null : request.StdinPath is null ? ["--warm"] : ["--warm", "--warm-stdin", Path.GetFullPath(request.StdinPath)];

    /// <summary>Runs the probe module through this exact launch; null when it worked, else why not.</summary>
    public static string? Probe(Launch launch) => RuntimeProbe.Check(launch.Spec!, launch.MarksFile);
}
