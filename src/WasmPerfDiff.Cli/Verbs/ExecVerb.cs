using System.CommandLine;
using Spectre.Console;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>exec FILE.wasm</c>: run one program on each selected runtime, one after the other, and show what
/// happened. Exit 0 when every run is ok with the same stdout, 1 otherwise.
/// </summary>
public static class ExecVerb
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A wasm32-wasi command module" };
        var guestArgs = new Argument<string[]>("args") { Description = "Arguments for the program (after --)", Arity = ArgumentArity.ZeroOrMore };
        var runtime = new Option<string[]>("--runtime", "-r") { Description = "Runtime configuration(s) to use (repeat or comma-separate; default: all available)", AllowMultipleArgumentsPerToken = true };
        var timeout = new Option<double>("--timeout") { Description = "Per-run timeout in seconds", DefaultValueFactory = _ => RunRequest.DefaultTimeout.TotalSeconds };
        var stdin = new Option<string?>("--stdin") { Description = "File to feed to the program's stdin" };
        var dir = new Option<string?>("--dir") { Description = "Directory to preopen for the program (same path inside the guest)" };
        var json = CommonOptions.Json();

        var command = new Command("exec", "Run one wasm program on every selected runtime and report status, times, memory and phases")
        {
            file, guestArgs, runtime, timeout, stdin, dir, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var wasm = parse.GetValue(file)!;
            ModuleCheck.EnsureValid(wasm);
            if (parse.GetValue(timeout) is var seconds && (seconds <= 0 || double.IsNaN(seconds)))
                throw new BadInputException("--timeout must be a positive number of seconds");
            if (parse.GetValue(stdin) is string s && !File.Exists(s)) throw new BadInputException($"stdin file not found: {s}");
            if (parse.GetValue(dir) is string d && !Directory.Exists(d)) throw new BadInputException($"directory not found: {d}");

            var catalog = RuntimeCatalog.Load(parse.GetValue(CommonOptions.Config));
            var runtimes = catalog.Select(parse.GetValue(runtime));
            if (runtimes.Count == 0) throw new BadInputException("no runtime is available (see: wasm-perfdiff doctor)");
            var request = new RunRequest(wasm, parse.GetValue(guestArgs) ?? [], TimeSpan.FromSeconds(seconds),
                parse.GetValue(stdin), parse.GetValue(dir));

            var results = new List<RunResult>();
            foreach (var r in runtimes)
            {
                if (!parse.GetValue(json)) AnsiConsole.MarkupLine($"[grey]running on {Markup.Escape(r.Name)}…[/]");
                results.Add(await r.RunAsync(request, ct));
            }

            if (parse.GetValue(json)) JsonOutput.Print(new { runs = results.Select(RunJson.From) });
            else RunTable.Write(results);

            var allOk = results.All(x => x.Status == RunStatus.Ok) && results.Select(x => x.StdoutSha256).Distinct().Count() == 1;
            return allOk ? ExitCodes.Ok : ExitCodes.Found;
        });
        return command;
    }
}
