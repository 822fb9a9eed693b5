using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Runtimes.Node;

/// <summary>
/// How a JavaScript engine runs a WASI module through our runner script (<c>runner.mjs</c>): the engine's
/// program, its flags and environment, and the runner's arguments; phase marks go to a side-channel file.
/// </summary>
internal static class JsRunner
{
    public static Launch Launch(string program, IReadOnlyList<string> flags, IReadOnlyDictionary<string, string> environment,
        string runner, RunRequest request, IReadOnlyList<string>? extraFlags = null, IReadOnlyList<string>? runnerArgs = null)
    {
        var marks = Path.Combine(Path.GetTempPath(), $"perfdiff-marks-{Guid.NewGuid():N}.json");
        List<string> args = [.. flags, .. extraFlags ?? []];
        args.AddRange([runner, .. runnerArgs ?? [], "--marks", marks]);
        if (request.Dir is not null) args.AddRange(["--dir", Path.GetFullPath(request.Dir)]);
        args.AddRange(["--", Path.GetFullPath(request.WasmPath), .. request.Args]);
        return new Launch(new ProcessSpec(program, args, request.Timeout) { StdinPath = request.StdinPath, Environment = environment }, marks);
    }

    /// <summary>Runs the probe module through this exact launch; null when it worked, else why not.</summary>
    public static string? Probe(Launch launch) => RuntimeProbe.Check(launch.Spec!, launch.MarksFile);
}
