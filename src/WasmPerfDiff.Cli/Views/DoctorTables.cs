using Spectre.Console;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Views;

/// <summary>The two tables of <c>doctor</c>: runtime configurations, then toolchains with the Debian packages that bring them.</summary>
public static class DoctorTables
{
    public static void Print(DoctorReport report)
    {
        AnsiConsole.Write(RuntimesView.Table(report.Runtimes));
        var tools = new Table().RoundedBorder().Title("toolchains").AddColumns("tool", "available", "version", "for", "Debian packages");
        foreach (var t in report.Toolchains)
            tools.AddRow(Markup.Escape(t.Name), t.Available ? "[green]yes[/]" : "[grey]no[/]", Markup.Escape(t.Version ?? t.Reason ?? "-"), Markup.Escape(t.Purpose), Markup.Escape(string.Join(' ', t.DebianPackages)));
        AnsiConsole.Write(tools);
    }
}
