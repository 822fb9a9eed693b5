using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>gen programs --count N --out DIR [--seed S]</c>: Csmith programs with injected hot spots, filtered (both builds,
/// native time range, UBSan, reference runtime), as a foreign corpus. Progress on stderr; the summary (or --json) on stdout.
/// </summary>
public static class GenProgramsVerb
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "how many programs to generate (each kept or rejected)", DefaultValueFactory = _ => 20 };
        var output = new Option<string>("--out") { Description = "output folder, new or empty (NAME.wasm, NAME.args, NAME.expected, NAME.c, programs.json)", DefaultValueFactory = _ => "programs" };
        var seed = new Option<long>("--seed") { Description = "the same seed gives the same programs", DefaultValueFactory = _ => 1 };
        var minMs = new Option<double>("--min-ms") { Description = "shortest native run at the chosen size", DefaultValueFactory = _ => 20 };
        var maxMs = new Option<double>("--max-ms") { Description = "longest native run at the chosen size", DefaultValueFactory = _ => 200 };
        var patterns = new Option<string?>("--patterns") { Description = "comma-separated hot spots to inject (default: all; see programs.json or the docs)" };
        var json = CommonOptions.Json();
        var cmd = new Command("programs", "Csmith programs with injected hot spots (a foreign corpus for run --corpus)") { count, output, seed, minMs, maxMs, patterns, json };
        cmd.SetAction(async (pr, ct) =>
        {
            var request = new GenProgramsRequest(pr.GetValue(output)!, pr.GetValue(count), pr.GetValue(seed), pr.GetValue(minMs), pr.GetValue(maxMs),
                pr.GetValue(patterns)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var document = await GenProgramsWorkflow.RunAsync(request, Console.Error.WriteLine, ct);
            if (pr.GetValue(json)) JsonOutput.Print(document);
            else GenProgramsView.Print(document);
            return document.Kept > 0 ? ExitCodes.Ok : ExitCodes.Found;
        });
        return cmd;
    }
}
