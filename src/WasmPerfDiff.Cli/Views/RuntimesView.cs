using Spectre.Console;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Install;

namespace WasmPerfDiff.Cli.Views;

/// <summary>The runtime table of <c>doctor</c> and <c>runtimes list</c>, and what <c>runtimes install</c> did.</summary>
public static class RuntimesView
{
    /// <summary>On stderr, before the probe runs, so a few seconds of checking are not silence.</summary>
    public static void Probing(int count) =>
        Console.Error.WriteLine($"checking {count} runtime configurations (a short probe run each)…");

    public static Table Table(IReadOnlyList<(IRuntime Runtime, RuntimeAvailability Availability)> runtimes)
    {
        var available = runtimes.Count(r => r.Availability.Available);
        var families = runtimes.Where(r => r.Availability.Available).Select(r => r.Runtime.Engine).Distinct().Count();
        var table = new Table().RoundedBorder().Title($"runtimes ({available} available, {families} engine families)").AddColumns("name", "engine", "available", "version", "path or reason");
        foreach (var (r, d) in runtimes)
            table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Engine), d.Available ? "[green]yes[/]" : "[grey]no[/]", Markup.Escape(d.Version ?? "-"), Markup.Escape(d.Available ? d.Path ?? "" : d.Reason ?? ""));
        return table;
    }

    public static void PrintList(IReadOnlyList<(IRuntime Runtime, RuntimeAvailability Availability)> runtimes, IReadOnlyList<InstalledRuntime> installed)
    {
        AnsiConsole.Write(Table(runtimes));
        AnsiConsole.MarkupLine($"installed in [grey]{Markup.Escape(InstalledRuntimes.Root)}[/]: {Markup.Escape(installed.Count == 0 ? "none" : string.Join(", ", installed.Select(i => i.Id)))}");
    }

    /// <summary>Installs one runtime with a status line; prints what works and what was dropped, or the one-line reason. False when it failed.</summary>
    public static async Task<bool> InstallAsync(string spec, InstallSources sources, CancellationToken cancel)
    {
        InstallResult? result = null;
        try
        {
            await AnsiConsole.Status().StartAsync($"installing {Markup.Escape(spec)}", async ctx =>
                result = await RuntimeInstaller.InstallAsync(spec, sources, new Progress<string>(m => ctx.Status(Markup.Escape($"{spec}: {m}"))), cancel));
        }
        catch (BadInputException e)
        {
            Console.Error.WriteLine($"wasm-perfdiff: {e.Message}");
            return false;
        }
        var r = result!;
        AnsiConsole.MarkupLine($"{Markup.Escape(r.Runtime.Id)} {(r.AlreadyInstalled ? "already installed" : "installed")} in {Markup.Escape(r.Runtime.Folder)}: {Markup.Escape(string.Join(", ", r.Working))}");
        foreach (var (name, reason) in r.Dropped)
            AnsiConsole.MarkupLine($"  [yellow]dropped[/] {Markup.Escape(name)}: {Markup.Escape(reason)}");
        return true;
    }
}
