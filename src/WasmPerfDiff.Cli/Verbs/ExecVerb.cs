using System.CommandLine;
using Spectre.Console;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>exec FILE.wasm</c>: run one program on each selected runtime, one after the other, and show what
/// happened. Exit 0 when every run is ok with the same stdout, 1 otherwise.
/// </summary>
public static class ExecVerb
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "a wasm32-wasi command module" };
        var guestArgs = new Argument<string[]>("args") { Description = "arguments for the program (after --)", Arity = ArgumentArity.ZeroOrMore };
        var runtime = CommonOptions.Runtimes("Runtime configuration(s) to use (repeat or comma-separate; default: all available)");
        var timeout = new Option<double>("--timeout") { Description = "per-run timeout in seconds", DefaultValueFactory = _ => RunRequest.DefaultTimeout.TotalSeconds };
        var stdin = new Option<string?>("--stdin") { Description = "file to feed to the program's stdin" };
        var dir = new Option<string?>("--dir") { Description = "directory to preopen for the program (same path inside the guest)" };
        var json = CommonOptions.Json();
        var command = new Command("exec", "run one wasm program on every selected runtime and report status, times, memory and phases")
        {
            file, guestArgs, runtime, timeout, stdin, dir, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            var request = new ExecRequest(parse.GetValue(file)!, parse.GetValue(guestArgs) ?? [], parse.GetValue(timeout), parse.GetValue(stdin),
                parse.GetValue(dir), CommonOptions.SplitList(parse.GetValue(runtime)), parse.GetValue(CommonOptions.Config));
            var result = await ExecWorkflow.RunAsync(request, asJson ? null : r => AnsiConsole.MarkupLine($"[grey]running on {Markup.Escape(r.Name)}…[/]"), ct);
            if (asJson) JsonOutput.Print(new ExecDocument(result.Runs.Select(RunDocument.From).ToList()));
            else RunTable.Write(result.Runs);
            return result.AllOk ? ExitCodes.Ok : ExitCodes.Found;
        });
        return command;
    }
}
