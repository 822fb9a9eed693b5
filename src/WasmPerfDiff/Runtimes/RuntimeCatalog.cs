using WasmPerfDiff.Runtimes.Cli;
using WasmPerfDiff.Runtimes.Embedded;
using WasmPerfDiff.Runtimes.Node;

namespace WasmPerfDiff.Runtimes;

/// <summary>
/// Every runtime configuration this tool knows: the four embedded Wasmtime tiers, the two V8 tiers (per
/// installed Node too), JavaScriptCore's three tiers through Bun,
/// the command-line catalog and the user's own runtimes (which may replace a catalog entry by name).
/// </summary>
public sealed class RuntimeCatalog(IReadOnlyList<IRuntime> all)
{
    public IReadOnlyList<IRuntime> All { get; } = all;

    public static RuntimeCatalog Load(string? configPath = null)
    {
        var config = RuntimeConfig.Load(configPath);
        var installed = Install.InstalledRuntimes.All();
        // Programs from release archives and source builds serve catalog entries; the config file's paths win.
        var (paths, environment) = Install.InstalledRuntimes.CliPrograms(installed);
        foreach (var (key, path) in config.Paths) { paths[key] = path; environment.Remove(key); }
        var user = config.Runtimes.Select(d => (IRuntime)new CliRuntime(d, paths)).ToList();
        var builtIn = new List<IRuntime>();
        builtIn.AddRange(Enum.GetValues<WasmtimeTier>().Select(t => new EmbeddedWasmtimeRuntime(t)));
        builtIn.AddRange([V8Runtime.TurboFan(), V8Runtime.Liftoff()]);
        // Runtimes installed by `runtimes install` (the per-user data directory): no config editing.
        foreach (var node in installed.Where(i => i.Kind == "node"))
            builtIn.AddRange([V8Runtime.TurboFan(node.ProgramPath, "@" + node.Major), V8Runtime.Liftoff(node.ProgramPath, "@" + node.Major)]);
        var buns = installed.Where(i => i.Kind == "bun").ToList();
        if (buns.Count == 0) builtIn.AddRange(JscRuntime.All());
        var shim = installed.LastOrDefault(i => i.Kind == "wasi-shim");
        builtIn.Add(new SpiderMonkeyRuntime(shim is null ? null : Path.Combine(shim.Folder, "unpacked", "package")));
        foreach (var bun in buns)
            builtIn.AddRange(JscRuntime.All(bun.ProgramPath, bun == buns[^1] ? null : "@" + bun.Version));
        builtIn.AddRange(CliCatalog.Definitions.Select(d => new CliRuntime(CliCatalog.WithEnvironment(d, paths, environment), paths)));
        var userNames = user.Select(u => u.Name).ToHashSet();
        return new RuntimeCatalog([.. builtIn.Where(b => !userNames.Contains(b.Name)), .. user]);
    }

    /// <summary>Detects all runtimes in parallel (version probes start processes) and returns the available ones in catalog order.</summary>
    public IReadOnlyList<IRuntime> Available()
    {
        Parallel.ForEach(All, r => r.Detect());
        return All.Where(r => r.Detect().Available).ToList();
    }

    /// <summary>The named runtimes (names may be comma-separated), or every available one when none are named.</summary>
    public IReadOnlyList<IRuntime> Select(IEnumerable<string>? names)
    {
        var wanted = (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (wanted.Count == 0) return Available();
        return wanted.Distinct().Select(n => All.FirstOrDefault(r => r.Name == n)
            ?? throw new BadInputException($"unknown runtime '{n}' (known: {string.Join(", ", All.Select(r => r.Name))})")).ToList();
    }
}
