using System.CommandLine;
using Spectre.Console;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary><c>doctor</c>: which runtime configurations and toolchains this machine has, and how to get the missing ones.</summary>
public static class DoctorVerb
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("doctor", "List every runtime configuration and toolchain: available or not, why, version, path") { json };
        command.SetAction(parse =>
        {
            var runtimes = RuntimeTable.Detect(parse.GetValue(CommonOptions.Config));
            var toolchains = Toolchains.Detect().Select(t => t.Name == Toolchains.Clang ? WasmPerfDiff.Corpus.Build.BuildToolchain.Judge(t) : t).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Print(new
                {
                    runtimes = runtimes.Select(RuntimeTable.Json),
                    toolchains = toolchains.Select(t => new { name = t.Name, available = t.Available, version = t.Version, path = t.Path, reason = t.Reason, debian_packages = t.DebianPackages, purpose = t.Purpose }),
                });
                return ExitCodes.Ok;
            }
            AnsiConsole.Write(RuntimeTable.Render(runtimes));
            var tools = new Table().RoundedBorder().Title("toolchains").AddColumns("tool", "available", "version", "for", "Debian packages");
            foreach (var t in toolchains)
                tools.AddRow(Markup.Escape(t.Name), t.Available ? "[green]yes[/]" : "[grey]no[/]", Markup.Escape(t.Version ?? t.Reason ?? "-"), Markup.Escape(t.Purpose), Markup.Escape(string.Join(' ', t.DebianPackages)));
            AnsiConsole.Write(tools);
            return ExitCodes.Ok;
        });
        return command;
    }
}
