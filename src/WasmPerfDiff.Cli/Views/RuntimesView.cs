using Spectre.Console;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Install;
using WasmPerfDiff.Exporters.Documents;

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

    /// <summary>
    /// Installs one runtime with a progress bar on a terminal (bytes, total and rate while downloading; cmake's
    /// progress while building; nothing when <paramref name="quiet"/> or stdout is not a terminal), then prints what
    /// works and what was dropped, or the one-line reason on stderr.
    /// </summary>
    public static async Task<InstallDocument.Entry> InstallAsync(string spec, InstallSources sources, bool quiet, CancellationToken cancel)
    {
        InstallResult r;
        try
        {
            r = quiet || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive
                ? await RuntimeInstaller.InstallAsync(spec, sources, null, cancel)
                : await WithProgressAsync(spec, p => RuntimeInstaller.InstallAsync(spec, sources, p, cancel));
        }
        catch (BadInputException e)
        {
            Console.Error.WriteLine($"wasm-perfdiff: {e.Message}");
            return InstallDocument.Failed(spec, e.Message);
        }
        if (!quiet)
        {
            AnsiConsole.MarkupLine($"{Markup.Escape(r.Runtime.Id)} {(r.AlreadyInstalled ? "already installed" : "installed")} in {Markup.Escape(r.Runtime.Folder)}: {Markup.Escape(string.Join(", ", r.Working))}");
            foreach (var (name, reason) in r.Dropped)
                AnsiConsole.MarkupLine($"  [yellow]dropped[/] {Markup.Escape(name)}: {Markup.Escape(reason)}");
        }
        return InstallDocument.Of(spec, r);
    }

    private static async Task<InstallResult> WithProgressAsync(string spec, Func<IProgress<InstallProgress>, Task<InstallResult>> install)
    {
        InstallResult? result = null;
        await AnsiConsole.Progress().AutoClear(true).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<string, (ProgressTask Task, long Start)>();
                var gate = new object();
                void Report(InstallProgress p)
                {
                    lock (gate)
                    {
                        if (!tasks.TryGetValue(p.Stage, out var t))
                        {
                            foreach (var other in tasks.Values) if (!other.Task.IsFinished) other.Task.Value = other.Task.MaxValue;
                            t = (ctx.AddTask(p.Stage, maxValue: 100), Environment.TickCount64);
                            t.Task.IsIndeterminate = true;
                            tasks[p.Stage] = t;
                        }
                        if (p.Total is > 0 && p.Done is { } done)
                        {
                            t.Task.IsIndeterminate = false;
                            t.Task.MaxValue = p.Total.Value;
                            t.Task.Value = Math.Min(done, p.Total.Value);
                        }
                        t.Task.Description = Markup.Escape(Describe(spec, p, Environment.TickCount64 - t.Start));
                    }
                }
                result = await install(new SyncProgress(Report));
                lock (gate) foreach (var t in tasks.Values) { t.Task.IsIndeterminate = false; t.Task.Value = t.Task.MaxValue; }
            });
        return result!;
    }

    private static string Describe(string spec, InstallProgress p, long elapsedMs)
    {
        if (p.IsBytes && p.Done is { } done)
        {
            var rate = elapsedMs > 0 ? done * 1000.0 / elapsedMs : 0;
            var total = p.Total is { } t ? $"/{Size(t)}" : "";
            return $"{spec}: {p.Stage} {Clip(p.Message, 40)} {Size(done)}{total} {Size((long)rate)}/s";
        }
        return $"{spec}: {Clip(p.Message, 70)}";
    }

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes / 1048576.0:0.0} MiB" : bytes >= 1 << 10 ? $"{bytes / 1024.0:0} KiB" : $"{bytes} B";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<InstallProgress> report) : IProgress<InstallProgress>
    {
        public void Report(InstallProgress value) => report(value);
    }

    /// <summary><c>runtimes install --list</c>: the pinned versions.</summary>
    public static void PrintPins(IReadOnlyList<RuntimePin> pins)
    {
        var table = new Table().RoundedBorder().Title("pinned runtime versions (first of each name is the default)")
            .AddColumns("runtime", "version", "how", "asset (what a mirror serves)", "sha-256", "checksum found in");
        foreach (var p in pins)
            table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Version), p.Kind == PinKind.Source ? "cmake build" : "release archive",
                Markup.Escape(p.Asset), Markup.Escape(p.Sha256 is null ? "recorded at first download" : p.Sha256[..16] + "…"), Markup.Escape(p.ChecksumSource));
        AnsiConsole.Write(table);
    }
}
