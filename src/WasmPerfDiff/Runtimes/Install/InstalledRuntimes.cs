using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmPerfDiff.Runtimes.Install;

/// <summary>
/// One runtime installed by <c>runtimes install</c>: a folder under the data directory holding the
/// unpacked package and <c>install.json</c> (what it is, where its program is, where it came from).
/// </summary>
public sealed record InstalledRuntime(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("sha512")] string? Integrity = null,
    [property: JsonPropertyName("sha256")] string? Sha256 = null,
    [property: JsonPropertyName("programs")] IReadOnlyDictionary<string, string>? Programs = null,
    [property: JsonPropertyName("library_dir")] string? LibraryDir = null)
{
    /// <summary>Kind of an install from a release archive or a source build: its programs serve catalog entries by key.</summary>
    public const string CliKind = "cli";

    [JsonIgnore] public string Folder { get; init; } = "";

    /// <summary>The program's absolute path (stored relative to the install folder).</summary>
    [JsonIgnore] public string ProgramPath => Path.Combine(Folder, Program);

    /// <summary>The major version, e.g. 22 for node 22.23.5.</summary>
    [JsonIgnore] public string Major => Version.Split('.')[0];

    public string Id => $"{Name}@{Version}";
}

/// <summary>
/// The per-user data directory of installed runtimes: <c>$XDG_DATA_HOME/wasm-perfdiff/runtimes</c>
/// (else <c>~/.local/share/…</c>; <c>$WASM_PERFDIFF_DATA</c> overrides), mode 0700. The catalog reads it,
/// so an installed runtime needs no config editing.
/// </summary>
public static class InstalledRuntimes
{
    public const string ManifestName = "install.json";

    public static string Root
    {
        get
        {
            var over = Environment.GetEnvironmentVariable("WASM_PERFDIFF_DATA");
            if (!string.IsNullOrEmpty(over)) return Path.Combine(over, "runtimes");
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            var data = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
                : xdg;
            return Path.Combine(data, "wasm-perfdiff", "runtimes");
        }
    }

    public static string EnsureRoot()
    {
        var root = Root;
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(Path.GetDirectoryName(root)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return root;
    }

    /// <summary>Every complete install (a folder without a readable manifest is a leftover and ignored), sorted by name then version.</summary>
    public static IReadOnlyList<InstalledRuntime> All()
    {
        var root = Root;
        if (!Directory.Exists(root)) return [];
        var list = new List<InstalledRuntime>();
        foreach (var dir in Directory.GetDirectories(root))
        {
            var manifest = Path.Combine(dir, ManifestName);
            if (Path.GetFileName(dir).StartsWith('.') || !File.Exists(manifest)) continue;
            try
            {
                var r = JsonSerializer.Deserialize<InstalledRuntime>(File.ReadAllText(manifest), WireJson.Compact);
                if (r is not null) list.Add(r with { Folder = dir });
            }
            catch (JsonException) { }
        }
        return list.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => VersionKey(r.Version)).ToList();
    }

    /// <summary>
    /// What command-line installs give the catalog: program key (a catalog program such as <c>wasmtime</c>, or a
    /// configuration name such as <c>iwasm-fast-jit</c>) → absolute path, and the environment a key's program
    /// needs (<c>LD_LIBRARY_PATH</c> for a release that ships its libraries beside it). Later installs of a key win.
    /// </summary>
    public static (Dictionary<string, string> Paths, Dictionary<string, Dictionary<string, string>> Environment) CliPrograms(IEnumerable<InstalledRuntime> installs)
    {
        var paths = new Dictionary<string, string>();
        var env = new Dictionary<string, Dictionary<string, string>>();
        foreach (var r in installs.Where(i => i.Kind == InstalledRuntime.CliKind && i.Programs is not null))
            foreach (var (key, relative) in r.Programs!)
            {
                // Checked again before anything runs: an install.json edited since the install must not point elsewhere.
                if (!Host.RealPath.IsInside(Path.Combine(r.Folder, relative), r.Folder))
                    throw new BadInputException($"the installed runtime '{r.Name}' names program '{relative}', which leads outside its folder {r.Folder}: remove it (runtimes remove {r.Name}) and install it again");
                paths[key] = Path.Combine(r.Folder, relative);
                env.Remove(key);
                if (r.LibraryDir is { } lib && Directory.Exists(Path.Combine(r.Folder, lib)))
                    env[key] = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Path.Combine(r.Folder, lib) };
            }
        return (paths, env);
    }

    internal static string VersionKey(string version) =>
        string.Join('.', version.Split('.', '-').Select(p => int.TryParse(p, out var n) ? n.ToString("D6") : p));
}
