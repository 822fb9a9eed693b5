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

    public const string PassScheduleFile = "cvise-passes.json";

    /// <summary>
    /// Writes reduce's C-Vise pass schedule (<c>Reduction/cvise-passes.json</c>) into the work folder. C-Vise's own
    /// <c>all</c> group is made for checks that take milliseconds; ours take seconds, so a 30-minute budget buys about a
    /// thousand. Measured on sha256 (C-Vise 2.7, group <c>all</c>): the line passes at eight granularities took 18 of the
    /// 30 minutes, while the block removals (<c>balanced curly*</c>) that took the program from 37 % to 59 % smaller
    /// came after them and the inliner came last. The schedule puts block removal and the inliner first, keeps three line
    /// granularities in the first round and five in the loop, and drops the passes for C++ (templates, classes),
    /// renaming and integer tweaks, which shrink nothing that is counted. Token removal runs once, at the end: in the
    /// loop it took the second half of sha256's 30 minutes, most of its candidates not compiling, for two lines.
    /// </summary>
    public static string WritePassSchedule(string workDir)
    {
        var path = Path.Combine(workDir, PassScheduleFile);
        using var resource = typeof(Reducers).Assembly.GetManifestResourceStream("WasmPerfDiff.Reduction." + PassScheduleFile)
            ?? throw new InvalidOperationException("the C-Vise pass schedule is missing from the assembly");
        Host.OutputPaths.Write(path, "Out", s => resource.CopyTo(s));
        return path;
    }

    public static async Task<(ReducerEnd End, string Log)> RunAsync(ReductionSpec spec, string reducer, string workDir, string program, string specPath,
        TimeSpan budget, CancellationToken ct)
    {
        var copy = Path.Combine(workDir, spec.ProgramName);
        File.Copy(program, copy, overwrite: true);
        var timeout = CheckTimeoutSeconds.ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<string> args;
        if (spec.Level == ReductionLevel.C)
        {
            // One check at a time (--n 1): parallel checks would measure each other. The original was just measured (-s).
            var script = CheckScript.Write(workDir, specPath, spec.ProgramName);
            // C-Vise takes the test case by a bare file name, in its working directory.
            args = ["--n", "1", "--tidy", "--skip-interestingness-test-check", "--timeout", timeout, "--pass-group-file", WritePassSchedule(workDir),
                script, spec.ProgramName];
        }
        else
        {
            var test = Path.Combine(workDir, "test.wasm");
            var script = CheckScript.Write(workDir, specPath, test);
            args = [copy, "--command", "sh " + CheckScript.Quote(script), "--test", test, "--working", Path.Combine(workDir, "work.wasm"),
                "--timeout", timeout, "--binaries", Path.GetDirectoryName(reducer)!];
        }
        // ToolProcess runs it under the launcher: at the budget, everything below it goes, runtimes of a check included.
        var result = await ToolProcess.RunAsync(reducer, args, budget, ct: ct, workingDirectory: workDir);
        var end = result.ExitCode is null ? ReducerEnd.Budget : result.Ok ? ReducerEnd.Finished : ReducerEnd.Failed;
        return (end, $"$ {reducer} {string.Join(' ', args.Select(CheckScript.Quote))}\n{result.Stdout}\n{result.Stderr}");
    }
}
