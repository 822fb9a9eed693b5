using System.CommandLine;
using WasmPerfDiff;
using WasmPerfDiff.Cli;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Verbs;
using WasmPerfDiff.Runtimes.Embedded;

// The embedded-Wasmtime worker is this same program started as a child; it skips the command tree to start fast.
if (args.Length > 0 && args[0] == WasmtimeWorker.Verb)
{
    try { return WasmtimeWorker.Main(args[1..]); }
    catch (BadInputException e) { Console.Error.WriteLine($"wasm-perfdiff: {InputErrors.OneLine(e.Message)}"); return ExitCodes.Usage; }
}

StandardStreams.Install();
WasmPerfDiff.Host.RuntimeIpcFiles.RemoveOwn();

// Tables written to a file or pipe get room instead of Spectre's 80-column default.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 200;

var root = new RootCommand("wasm-perfdiff: differential performance testing of WebAssembly runtimes");
root.Options.Add(CommonOptions.Config);
foreach (var verb in Verbs.All())
    root.Subcommands.Add(verb);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"wasm-perfdiff: {InputErrors.OneLine(ParseErrors.Describe(parsed, root))}");
    return ExitCodes.Usage;
}

try
{
    // Ctrl-C / SIGTERM cancel the verb's token (System.CommandLine 2.0.0 wires signals only when a
    // termination timeout is set): a campaign then kills the run in flight and its process tree,
    // prints what it has, and ends; after the timeout the process exits anyway.
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
    });
}
catch (BadInputException e)
{
    Console.Error.WriteLine($"wasm-perfdiff: {InputErrors.Describe(e, parsed.CommandResult.Command)}");
    return ExitCodes.Usage;
}
catch (OperationCanceledException)
{
    // A verb that does not turn cancellation into an end of its own still ends on one line, never a stack trace.
    Console.Error.WriteLine("wasm-perfdiff: cancelled");
    return ExitCodes.Cancelled;
}
catch (Exception e)
{
    // Last line of defence: never a stack trace. The library turns what it can name into BadInputException;
    // whatever reaches here is reported on one line (WASM_PERFDIFF_DEBUG=1 prints the trace).
    return InputErrors.Unexpected(e);
}
