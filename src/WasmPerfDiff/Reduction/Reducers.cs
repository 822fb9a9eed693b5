using System.Globalization;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Reduction;

/// <summary>How a reducer's run ended (wire names <c>finished</c>, <c>budget</c>, <c>failed</c>).</summary>
public enum ReducerEnd { Finished, Budget, Failed }

/// <summary>
/// Runs the reducer on a copy of the program in the work folder, with the check script as its interestingness test,
/// until it finishes or the budget is spent (then its whole process tree is killed). The reducer's own result is not
/// needed: every check writes the best program so far into the output folder itself. Options as the tools document
/// them (<c>cvise --help</c> 2.7, <c>wasm-reduce --help</c> of binaryen 108).
/// </summary>
public static class Reducers
{
    /// <summary>Longest one check may take before the reducer counts it as not interesting (seconds).</summary>
    public const int CheckTimeoutSeconds = 300;

    /// <summary>
    /// Reduce's C-Vise pass schedules (<c>Reduction/cvise-passes*.json</c>), run one after the other while the budget
    /// lasts. C-Vise's own <c>all</c> group is made for checks that take milliseconds; ours take a tenth of a second
    /// for a candidate that does not build and seconds for one that is measured. Measured on sha256 (C-Vise 2.7, group
    /// <c>all</c>): the line passes at eight granularities took 18 of the 30 minutes, while the block removals
    /// (<c>balanced curly*</c>) that took the program from 37 % to 59 % smaller came after them and the inliner came
    /// last. The first schedule puts block removal and the inliner first, keeps three line granularities in the first
    /// round and five in the loop, and drops the passes for C++ (templates, classes), renaming and integer tweaks,
    /// which shrink nothing that is counted; token removal runs once, at its end (in the loop it had taken the second
    /// half of sha256's 30 minutes for two lines). Each round starts by laying the program out with clang-format and
    /// removing its lines as they are (<c>lines None</c>): C-Vise's own line passes split a <c>for</c> header at its
    /// semicolons, so no aligned chunk of lines held a whole loop, and sha256 reached its fixpoint at 28 lines with an
    /// empty loop still in it. The fine schedule runs when the first finishes with budget left: token removal inside
    /// the loop, so that a removed operand (<c>+ s1</c>) lets a later round remove the line that computed it, and braces
    /// removed around what they hold (sha256's first reduction under this schedule kept a bare block and a loop's braces).
    /// </summary>
    public static readonly IReadOnlyList<string> PassSchedules = ["cvise-passes.json", "cvise-passes-fine.json"];

    /// <summary>Writes pass schedule <paramref name="name"/> (one of <see cref="PassSchedules"/>) into the work folder.</summary>
    public static string WritePassSchedule(string workDir, string name)
    {
        var path = Path.Combine(workDir, name);
        using var resource = typeof(Reducers).Assembly.GetManifestResourceStream("WasmPerfDiff.Reduction." + name)
            ?? throw new InvalidOperationException($"the C-Vise pass schedule {name} is missing from the assembly");
        Host.OutputPaths.Write(path, "Out", s => resource.CopyTo(s));
        return path;
    }

    /// <summary>Runs the reducer; its checks ask the server at <paramref name="serverSocket"/> when given, else each starts the tool.</summary>
    public static async Task<(ReducerEnd End, string Log)> RunAsync(ReductionSpec spec, string reducer, string workDir, string program, string specPath,
        TimeSpan budget, CancellationToken ct, string? serverSocket = null)
    {
        var copy = Path.Combine(workDir, spec.ProgramName);
        File.Copy(program, copy, overwrite: true);
        var timeout = CheckTimeoutSeconds.ToString(CultureInfo.InvariantCulture);
        if (spec.Level == ReductionLevel.C)
        {
            var script = CheckScript.Write(workDir, specPath, spec.ProgramName, serverSocket);
            var deadline = DateTimeOffset.UtcNow + budget;
            var (end, log) = (ReducerEnd.Finished, "");
            // Each schedule goes on from where the one before left the program (C-Vise reduces the file in place).
            foreach (var schedule in PassSchedules)
            {
                var left = deadline - DateTimeOffset.UtcNow;
                if (left <= TimeSpan.Zero) break;
                // One check at a time (--n 1): parallel checks would measure each other. The original was just measured (-s).
                // C-Vise takes the test case by a bare file name, in its working directory.
                string[] args = ["--n", "1", "--tidy", "--skip-interestingness-test-check", "--timeout", timeout, "--pass-group-file",
                    WritePassSchedule(workDir, schedule), script, spec.ProgramName];
                string part;
                (end, part) = await RunOnceAsync(reducer, args, workDir, left, ct);
                log += part;
                if (end != ReducerEnd.Finished) break;
            }
            return (end, log);
        }
        var test = Path.Combine(workDir, "test.wasm");
        var check = CheckScript.Write(workDir, specPath, test, serverSocket);
        string[] wasmArgs = [copy, "--command", "sh " + CheckScript.Quote(check), "--test", test, "--working", Path.Combine(workDir, "work.wasm"),
            "--timeout", timeout, "--binaries", Path.GetDirectoryName(reducer)!];
        return await RunOnceAsync(reducer, wasmArgs, workDir, budget, ct);
    }

    private static async Task<(ReducerEnd End, string Log)> RunOnceAsync(string reducer, IReadOnlyList<string> args, string workDir, TimeSpan budget,
        CancellationToken ct)
    {
        // ToolProcess runs it under the launcher: at the budget, everything below it goes, runtimes of a check included.
        // Its temporary folders go into the work folder: C-Vise leaves them behind when it is killed, and they are ours to leave.
        var temp = Directory.CreateDirectory(Path.Combine(workDir, "tmp")).FullName;
        var result = await ToolProcess.RunAsync(reducer, args, budget, new Dictionary<string, string> { ["TMPDIR"] = temp }, ct: ct, workingDirectory: workDir);
        var end = result.ExitCode is null ? ReducerEnd.Budget : result.Ok ? ReducerEnd.Finished : ReducerEnd.Failed;
        return (end, $"$ {reducer} {string.Join(' ', args.Select(CheckScript.Quote))}\n{result.Stdout}\n{result.Stderr}");
    }
}
