using System.CommandLine;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Install;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;
using WasmPerfDiff.Cli.Options;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary><c>runtimes list|install|remove</c>: the runtime configurations here, and installs into the per-user data directory.</summary>
public static class RuntimesVerb
{
    public static Command Create()
    {
        var command = new Command("runtimes", "list runtime configurations; install or remove runtimes in the per-user data directory");
        command.Subcommands.Add(List());
        command.Subcommands.Add(RuntimesInstallVerb.Create());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var list = new Command("list", "every runtime configuration (each checked by a short probe run) and what is installed where") { json };
        list.SetAction(parse =>
        {
            var report = DoctorWorkflow.Check(parse.GetValue(CommonOptions.Config), RuntimesView.Probing);
            if (parse.GetValue(json)) JsonOutput.Print(RuntimesDocument.From(DoctorDocument.From(report.Runtimes, report.Toolchains), InstalledRuntimes.All()));
            else RuntimesView.PrintList(report.Runtimes, InstalledRuntimes.All());
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Remove()
    {
        var specs = new Argument<string[]>("runtime") { Description = "NAME or NAME@VERSION (a version prefix such as node@22 matches 22.x)", Arity = ArgumentArity.OneOrMore };
        var remove = new Command("remove", "remove installed runtimes") { specs };
        remove.SetAction(parse =>
        {
            foreach (var spec in parse.GetValue(specs)!)
                foreach (var r in RuntimeInstaller.Remove(spec))
                    Console.WriteLine($"removed {r.Id} ({r.Folder})");
            return ExitCodes.Ok;
        });
        return remove;
    }
}
