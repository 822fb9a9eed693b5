using System.Text.Json;
using WasmPerfDiff.Runtimes.Cli;

namespace WasmPerfDiff.Runtimes.Install;

/// <summary>
/// Installs a <see cref="RuntimePin"/>: downloads the asset (from its official URL or the mirror) into a
/// staging folder inside the data directory while hashing it, checks the SHA-256, unpacks it, then either
/// finds the programs in the release's own layout or builds them with cmake; runs the probe module on every
/// catalog configuration the programs serve; and only then writes <c>install.json</c> and renames the folder
/// into place. Any failure throws one line and deletes the staging folder: nothing half-installed, nothing registered.
/// </summary>
public static class PinnedInstaller
{
    /// <summary>SHA-256 of source tarballs pinned by commit only, recorded at their first successful install.</summary>
    private const string RecordedHashes = "source-sha256.json";

    public static async Task<InstallResult> InstallAsync(RuntimePin pin, InstallSources sources, IProgress<InstallProgress>? progress, CancellationToken cancel)
    {
        var root = InstalledRuntimes.EnsureRoot();
        var target = Path.Combine(root, pin.Id);
        if (File.Exists(Path.Combine(target, InstalledRuntimes.ManifestName)))
        {
            var existing = InstalledRuntimes.All().First(r => r.Folder == target);
            return new InstallResult(existing, Verify(existing).Working, [], AlreadyInstalled: true);
        }
        if (pin.Kind == PinKind.Source && Host.ExecutableSearch.Find("cmake") is null)
            throw new BadInputException($"{pin.Id} is built from source and needs cmake (Debian: apt-get install cmake build-essential)");

        var staging = Path.Combine(root, $".staging-{pin.Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var source = sources.Mirror is { } mirror ? Combine(mirror, pin.Asset) : pin.Url;
            var archive = Path.Combine(staging, pin.Asset);
            progress?.Report(InstallProgress.Text("download", $"{pin.Id}: fetching {source}"));
            var sha = await Downloads.FetchAsync(source, archive, sources.Limits, progress, cancel);
            var expected = pin.Sha256 ?? Recorded(root, pin);
            if (expected is not null && !string.Equals(sha, expected, StringComparison.OrdinalIgnoreCase))
                throw new BadInputException($"{pin.Id}: SHA-256 mismatch for {pin.Asset}: expected {expected.ToLowerInvariant()}, got {sha} (a changed or corrupted download; nothing installed)");

            progress?.Report(InstallProgress.Text("unpack", $"{pin.Id}: unpacking {pin.Asset}"));
            var unpacked = Path.Combine(staging, pin.Kind == PinKind.Source ? "src" : "release");
            await Archives.ExtractAsync(archive, unpacked, cancel);
            File.Delete(archive);
            var content = Archives.ContentRoot(unpacked);

            IReadOnlyDictionary<string, string> programs;
            string? libraryDir = null;
            if (pin.Kind == PinKind.Archive)
            {
                var relativeRoot = Path.GetRelativePath(staging, content);
                var found = new Dictionary<string, string>();
                foreach (var (key, inside) in pin.Programs!)
                {
                    var path = Path.Combine(content, inside);
                    if (!File.Exists(path))
                        throw new BadInputException($"{pin.Id}: {pin.Asset} has no {inside} (not the release's usual layout; nothing installed)");
                    if (!Host.RealPath.IsInside(path, content))
                        throw new BadInputException($"{pin.Id}: {inside} in {pin.Asset} leads outside the archive (through a link); nothing installed");
                    File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserRead | UnixFileMode.UserExecute);
                    found[key] = Path.Combine(relativeRoot, inside);
                }
                programs = found;
                if (pin.LibraryDir is { } lib && Directory.Exists(Path.Combine(content, lib))) libraryDir = Path.Combine(relativeRoot, lib);
            }
            else programs = await BuildAsync(pin, staging, content, progress, cancel);

            var runtime = new InstalledRuntime(pin.Name, pin.Version, InstalledRuntime.CliKind, programs.Values.First(),
                $"{(pin.Kind == PinKind.Source ? "source" : "release")}:{pin.Url}", Sha256: sha, Programs: programs, LibraryDir: libraryDir) { Folder = staging };
            progress?.Report(InstallProgress.Text("probe", $"{pin.Id}: checking every configuration with a probe run"));
            var (working, dropped) = Verify(runtime);
            if (working.Count == 0)
                throw new BadInputException($"{pin.Id} installed nothing that works: {string.Join("; ", dropped.Select(d => $"{d.Name}: {d.Reason}"))}");
            File.WriteAllText(Path.Combine(staging, InstalledRuntimes.ManifestName), JsonSerializer.Serialize(runtime, WireJson.Compact));

            // One version of a command-line runtime serves its catalog entries: the new one replaces the old.
            foreach (var old in InstalledRuntimes.All().Where(r => r.Name == pin.Name && r.Kind == InstalledRuntime.CliKind))
                Directory.Delete(old.Folder, recursive: true);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            try { Directory.Move(staging, target); }
            catch (IOException) when (Directory.Exists(target)) { throw new BadInputException($"{pin.Id}: another install of it finished first (it is installed)"); }
            if (pin.Sha256 is null) Record(root, pin, sha);
            return new InstallResult(runtime with { Folder = target }, working, dropped, AlreadyInstalled: false);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The catalog configurations an install serves, each run on the probe module with the install's programs.</summary>
    public static (IReadOnlyList<string> Working, IReadOnlyList<(string Name, string Reason)> Dropped) Verify(InstalledRuntime runtime)
    {
        var others = InstalledRuntimes.All().Where(r => r.Name != runtime.Name);
        var (paths, environment) = InstalledRuntimes.CliPrograms([.. others, runtime]);
        var keys = runtime.Programs?.Keys.ToHashSet() ?? [];
        var served = CliCatalog.Definitions.Where(d => keys.Contains(d.Name) || keys.Contains(d.Command.Program) || (d.Precompile is { } pc && keys.Contains(pc.Program)));
        var detected = served.AsParallel().AsOrdered()
            .Select(d => (d.Name, Detect: new CliRuntime(CliCatalog.WithEnvironment(d, paths, environment), paths).Detect())).ToList();
        return (detected.Where(d => d.Detect.Available).Select(d => d.Name).ToList(),
            detected.Where(d => !d.Detect.Available).Select(d => (d.Name, d.Detect.Reason ?? "unavailable")).ToList());
    }

    private static async Task<IReadOnlyDictionary<string, string>> BuildAsync(RuntimePin pin, string staging, string content, IProgress<InstallProgress>? progress, CancellationToken cancel)
    {
        var bin = Path.Combine(staging, "bin");
        Directory.CreateDirectory(bin);
        var programs = new Dictionary<string, string>();
        for (var i = 0; i < pin.Builds!.Count; i++)
        {
            var build = pin.Builds[i];
            var sourceDir = Path.GetFullPath(Path.Combine(content, build.Dir));
            if (!sourceDir.StartsWith(Path.GetFullPath(content), StringComparison.Ordinal))
                throw new BadInputException($"{pin.Id}: build folder '{build.Dir}' is outside the source");
            var output = await CmakeBuilds.BuildAsync(pin.Id, sourceDir, Path.Combine(staging, $"build-{i}"), build, i + 1, pin.Builds.Count, progress, cancel);
            // The first key names the file (bin/iwasm-fast-jit); every key is served by it.
            var file = Path.Combine(bin, build.Programs[0]);
            File.Copy(output, file, overwrite: true);
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserRead | UnixFileMode.UserExecute);
            foreach (var key in build.Programs) programs[key] = Path.Combine("bin", build.Programs[0]);
            Directory.Delete(Path.Combine(staging, $"build-{i}"), recursive: true);
        }
        Directory.Delete(Path.Combine(staging, "src"), recursive: true);
        return programs;
    }

    private static string Combine(string mirror, string asset) =>
        Downloads.IsLocal(mirror, out var folder) ? Path.Combine(folder, asset) : mirror.TrimEnd('/') + "/" + Uri.EscapeDataString(asset);

    private static string? Recorded(string root, RuntimePin pin) =>
        ReadRecorded(root).TryGetValue($"{pin.Id} {pin.Url}", out var sha) ? sha : null;

    private static void Record(string root, RuntimePin pin, string sha)
    {
        var all = ReadRecorded(root);
        all[$"{pin.Id} {pin.Url}"] = sha;
        var path = Path.Combine(root, RecordedHashes);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(all, WireJson.Document));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static Dictionary<string, string> ReadRecorded(string root)
    {
        var path = Path.Combine(root, RecordedHashes);
        try { return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [] : []; }
        catch (JsonException) { throw new BadInputException($"{path} is damaged: delete it to record source hashes afresh"); }
    }
}
