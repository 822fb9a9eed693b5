using System.Text.Json;

namespace WasmPerfDiff.Tests.Support;

/// <summary>
/// The command-line runtimes built from source in <c>../shared/runtimes</c> (wasm3, iwasm fast
/// interpreter, iwasm with Fast JIT and classic interpreter, WasmEdge interpreter), registered through a
/// config file that names one program per catalog configuration. Absent on a fresh machine: tests skip.
/// </summary>
public static class SharedRuntimes
{
    /// <summary>../shared/runtimes beside the repository, or PERFDIFF_SHARED_RUNTIMES (a git worktree lives elsewhere).</summary>
    public static string Folder => Path.GetFullPath(Environment.GetEnvironmentVariable("PERFDIFF_SHARED_RUNTIMES") is { Length: > 0 } dir
        ? dir : Path.Combine(TestPaths.RepoRoot, "..", "shared", "runtimes"));

    public static string? MissingReason =>
        File.Exists(Path.Combine(Folder, "bin", "iwasm")) ? null : $"../shared/runtimes is absent ({Folder}): the wasm3/WAMR/WasmEdge builds are only on the project's build machine";

    public static string Dir => Path.Combine(Folder, "bin");

    private static readonly Lazy<string> WasmEdgePath = new(WasmEdge);

    /// <summary>A binary of the folder by name (wasmedge through its fixed library folder), or null when this machine has no such build.</summary>
    public static string? Find(string name) =>
        !File.Exists(Path.Combine(Dir, name)) ? null : name == "wasmedge" ? WasmEdgePath.Value : Path.Combine(Dir, name);

    public static readonly string[] Names = ["wasm3", "wasm3-compile", "iwasm", "iwasm-fast-jit", "iwasm-classic", "wasmedge"];

    private static readonly Lazy<string> Config = new(() =>
    {
        var bin = Path.Combine(Folder, "bin");
        var paths = new Dictionary<string, string>
        {
            ["wasm3"] = Path.Combine(bin, "wasm3"),
            ["iwasm"] = Path.Combine(bin, "iwasm"),
            ["iwasm-fast-jit"] = Path.Combine(bin, "iwasm-fast-jit"),
            ["iwasm-classic"] = Path.Combine(bin, "iwasm-fast-jit"),
            ["iwasm-llvm-jit"] = Path.Combine(bin, "iwasm-fast-jit"),
            ["wasmedge"] = WasmEdgePath.Value,
        };
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-shared-").FullName, "wasm-perfdiff.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { paths }));
        return path;
    });

    /// <summary>A config file registering the shared runtimes (written once per test process).</summary>
    public static string ConfigPath => Config.Value;

    /// <summary>
    /// wasmedge finds libwasmedge through RUNPATH <c>$ORIGIN/../lib</c>. When the folder's
    /// <c>lib/libwasmedge.so.0</c> symlink was copied as a small text file (seen on this machine), the
    /// launcher is copied to a temp <c>bin/</c> beside a <c>lib/</c> of proper symlinks.
    /// </summary>
    private static string WasmEdge()
    {
        var lib = Path.Combine(Folder, "lib");
        var soname = new FileInfo(Path.Combine(lib, "libwasmedge.so.0"));
        if (soname.LinkTarget is not null || soname.Length > 4096) return Path.Combine(Folder, "bin", "wasmedge");
        var root = Directory.CreateTempSubdirectory("perfdiff-wasmedge-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        Directory.CreateDirectory(Path.Combine(root, "lib"));
        foreach (var f in Directory.GetFiles(lib).Where(f => new FileInfo(f).Length > 4096))
            File.CreateSymbolicLink(Path.Combine(root, "lib", Path.GetFileName(f)), f);
        File.CreateSymbolicLink(Path.Combine(root, "lib", "libwasmedge.so.0"), File.ReadAllText(soname.FullName).Trim());
        var launcher = Path.Combine(root, "bin", "wasmedge");
        File.Copy(Path.Combine(Folder, "bin", "wasmedge"), launcher);
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        return launcher;
    }
}

/// <summary>A fact skipped (with the reason) when ../shared/runtimes is absent.</summary>
public sealed class RequiresSharedRuntimesFactAttribute : FactAttribute
{
    public RequiresSharedRuntimesFactAttribute()
    {
        if (SharedRuntimes.MissingReason is { } reason) Skip = reason;
    }
}
