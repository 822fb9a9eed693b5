using Spectre.Console;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Cli.Options;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>The runtimes table shared by <c>doctor</c> and <c>runtimes list</c>: every configuration, checked by its probe run.</summary>
internal static class RuntimeTable
{
    public static IReadOnlyList<(IRuntime Runtime, RuntimeAvailability Detected)> Detect(string? config)
    {
        var catalog = RuntimeCatalog.Load(config);
        Console.Error.WriteLine($"checking {catalog.All.Count} runtime configurations (a probe run each, at most {RuntimeProbe.RunLimit.TotalSeconds:0} s)…");
        catalog.Available();
        return catalog.All.Select(r => (r, r.Detect())).ToList();
    }

    public static object Json((IRuntime Runtime, RuntimeAvailability Detected) r) => new
    {
        name = r.Runtime.Name, engine = r.Runtime.Engine, tier = r.Runtime.Tier, available = r.Detected.Available,
        version = r.Detected.Version, path = r.Detected.Path, reason = r.Detected.Reason, command = r.Runtime.Describe(),
    };

    public static Table Render(IReadOnlyList<(IRuntime Runtime, RuntimeAvailability Detected)> runtimes)
    {
        var available = runtimes.Count(r => r.Detected.Available);
        var families = runtimes.Where(r => r.Detected.Available).Select(r => r.Runtime.Engine).Distinct().Count();
        var table = new Table().RoundedBorder().Title($"runtimes ({available} available, {families} engine families)").AddColumns("name", "engine", "available", "version", "path or reason");
        foreach (var (r, d) in runtimes)
            table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Engine), d.Available ? "[green]yes[/]" : "[grey]no[/]", Markup.Escape(d.Version ?? "-"), Markup.Escape(d.Available ? d.Path ?? "" : d.Reason ?? ""));
        return table;
    }
}
