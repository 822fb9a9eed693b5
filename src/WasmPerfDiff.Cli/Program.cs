using System.CommandLine;
using WasmPerfDiff;
using WasmPerfDiff.Cli;
using WasmPerfDiff.Cli.Verbs;

var root = new RootCommand("wasm-perfdiff: differential performance testing of WebAssembly runtimes");
foreach (var verb in Verbs.All())
    root.Subcommands.Add(verb);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"wasm-perfdiff: {parsed.Errors[0].Message}");
    return ExitCodes.Usage;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UsageException e)
{
    Console.Error.WriteLine($"wasm-perfdiff: {e.Message}");
    return ExitCodes.Usage;
}
