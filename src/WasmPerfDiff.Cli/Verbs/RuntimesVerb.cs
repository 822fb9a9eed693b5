using System.CommandLine;
using Spectre.Console;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Install;
using WasmPerfDiff.Cli.Options;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary><c>runtimes list|install|remove</c>: the runtime configurations here, and installs into the per-user data directory.</summary>
public static class RuntimesVerb
{
    public static Command Create()
    {
        var command = new Command("runtimes", "List runtime configurations; install or remove runtimes in the per-user data directory");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Install());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var list = new Command("list", "Every runtime configuration (each checked by a short probe run) and what is installed where") { json };
        list.SetAction(parse =>
        {
            var runtimes = RuntimeTable.Detect(parse.GetValue(CommonOptions.Config));
            var installed = InstalledRuntimes.All();
            if (parse.GetValue(json))
            {
                JsonOutput.Print(new
                {
                    runtimes = runtimes.Select(RuntimeTable.Json),
                    installed = installed.Select(i => new { name = i.Name, version = i.Version, source = i.Source, folder = i.Folder }),
                    data_dir = InstalledRuntimes.Root,
                });
                return ExitCodes.Ok;
            }
            AnsiConsole.Write(RuntimeTable.Render(runtimes));
            AnsiConsole.MarkupLine($"installed in [grey]{Markup.Escape(InstalledRuntimes.Root)}[/]: {Markup.Escape(installed.Count == 0 ? "none" : string.Join(", ", installed.Select(i => i.Id)))}");
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Install()
    {
        var specs = new Argument<string[]>("runtime") { Description = $"NAME or NAME@VERSION ({string.Join(", ", RuntimeInstaller.Known)}; e.g. bun, node@22, node@24)", Arity = ArgumentArity.OneOrMore };
        var registry = new Option<string?>("--npm-registry") { Description = "npm registry URL (a mirror); default: $WASM_PERFDIFF_NPM_REGISTRY, else npm's own" };
        var install = new Command("install", "Install runtimes into the per-user data directory; each is checked by a probe run and registered at once") { specs, registry };
        install.SetAction(async (parse, cancel) =>
        {
            var sources = InstallSources.FromEnvironment();
            if (parse.GetValue(registry) is { } r) sources = sources with { NpmRegistry = r };
            var failed = false;
            foreach (var spec in parse.GetValue(specs)!)
            {
                InstallResult? result = null;
                try
                {
                    await AnsiConsole.Status().StartAsync($"installing {Markup.Escape(spec)}", async ctx =>
                    {
                        var progress = new Progress<string>(m => ctx.Status(Markup.Escape($"{spec}: {m}")));
                        result = await RuntimeInstaller.InstallAsync(spec, sources, progress, cancel);
                    });
                }
                catch (BadInputException e)
                {
                    Console.Error.WriteLine($"wasm-perfdiff: {e.Message}");
                    failed = true;
                    continue;
                }
                var r2 = result!;
                AnsiConsole.MarkupLine($"{Markup.Escape(r2.Runtime.Id)} {(r2.AlreadyInstalled ? "already installed" : "installed")} in {Markup.Escape(r2.Runtime.Folder)}: {Markup.Escape(string.Join(", ", r2.Working))}");
                foreach (var (name, reason) in r2.Dropped)
                    AnsiConsole.MarkupLine($"  [yellow]dropped[/] {Markup.Escape(name)}: {Markup.Escape(reason)}");
            }
            return failed ? ExitCodes.Found : ExitCodes.Ok; // 1: some install failed (each said why on one line)
        });
        return install;
    }

    private static Command Remove()
    {
        var specs = new Argument<string[]>("runtime") { Description = "NAME or NAME@VERSION (a version prefix such as node@22 matches 22.x)", Arity = ArgumentArity.OneOrMore };
        var remove = new Command("remove", "Remove installed runtimes") { specs };
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
