using System.CommandLine;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// Hidden <c>reduce-check --spec FILE PROGRAM</c>: the interestingness test a reducer runs through the generated check
/// script. Exit 0: the candidate keeps the slowdown; 1: it does not; 2: bad input. Prints nothing on stdout.
/// </summary>
public static class ReduceCheckVerb
{
    public static Command Create()
    {
        var spec = new Option<string>("--spec") { Description = "the reduction's spec.json", Required = true };
        var program = new Argument<string>("program") { Description = "the candidate (C source or module)" };
        var cmd = new Command(Reduction.CheckScript.Verb, "check one reduction candidate (run by reduce's reducer)") { spec, program };
        cmd.Hidden = true;
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
            await ReduceCheckWorkflow.RunAsync(pr.GetValue(spec)!, pr.GetValue(program)!, ct) ? ExitCodes.Ok : ExitCodes.Found);
        return cmd;
    }
}
