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
            var catalog = RuntimeCatalog.Load(parse.GetValue(CommonOptions.Config));
            catalog.Available();
            var runtimes = catalog.All.Select(r => (Runtime: r, Detected: r.Detect())).ToList();
            var toolchains = Toolchains.Detect().Select(t => t.Name == Toolchains.Clang ? WasmPerfDiff.Corpus.Build.BuildToolchain.Judge(t) : t).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Print(new
                {
                    runtimes = runtimes.Select(r => new { name = r.Runtime.Name, engine = r.Runtime.Engine, tier = r.Runtime.Tier, available = r.Detected.Available, version = r.Detected.Version, path = r.Detected.Path, reason = r.Detected.Reason, command = r.Runtime.Describe() }),
                    toolchains = toolchains.Select(t => new { name = t.Name, available = t.Available, version = t.Version, path = t.Path, reason = t.Reason, debian_packages = t.DebianPackages, purpose = t.Purpose }),
                });
                return ExitCodes.Ok;
            }
            var table = new Table().RoundedBorder().Title("runtimes").AddColumns("name", "available", "version", "path or reason");
            foreach (var (r, d) in runtimes)
                table.AddRow(Markup.Escape(r.Name), d.Available ? "[green]yes[/]" : "[grey]no[/]", Markup.Escape(d.Version ?? "-"), Markup.Escape(d.Available ? d.Path ?? "" : d.Reason ?? ""));
            AnsiConsole.Write(table);
            var tools = new Table().RoundedBorder().Title("toolchains").AddColumns("tool", "available", "version", "for", "Debian packages");
            foreach (var t in toolchains)
                tools.AddRow(Markup.Escape(t.Name), t.Available ? "[green]yes[/]" : "[grey]no[/]", Markup.Escape(t.Version ?? t.Reason ?? "-"), Markup.Escape(t.Purpose), Markup.Escape(string.Join(' ', t.DebianPackages)));
            AnsiConsole.Write(tools);
            return ExitCodes.Ok;
        });
        return command;
    }
}
