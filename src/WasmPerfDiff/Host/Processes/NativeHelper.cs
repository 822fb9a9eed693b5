using System.Diagnostics;
using System.Security.Cryptography;

namespace WasmPerfDiff.Host.Processes;

/// <summary>
/// A small C program shipped as source inside this library (the launcher, reduce's check client) and compiled on first
/// use with the system C compiler into a per-user cache, <c>$XDG_CACHE_HOME/wasm-perfdiff/NAME/HASH/NAME</c> (default
/// <c>~/.cache</c>), keyed by a hash of the source so an upgrade builds anew. A cached binary is used only when this
/// user owns it and nobody else may write it.
/// </summary>
public static class NativeHelper
{
    public static string Source(string resourceName)
    {
        using var s = typeof(NativeHelper).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} missing");
        return new StreamReader(s).ReadToEnd();
    }

    /// <summary>The per-user cache directory of helper <paramref name="name"/>.</summary>
    public static string CacheRoot(string name)
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "wasm-perfdiff", name);
    }

    /// <summary>The helper's binary, built now when it is not cached; or why there is none.</summary>
    public static (string? Path, string? Reason) Build(string resourceName, string name)
    {
        try
        {
            var source = Source(resourceName);
            var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..16];
            var dir = Path.Combine(CacheRoot(name), hash);
            var binary = Path.Combine(dir, name);
            CreatePrivateDirectory(dir);
            if (Unsafe(dir, name) is string bad) return (null, bad);
            if (File.Exists(binary))
                return Unsafe(binary, name) is string badBinary ? (null, badBinary) : (binary, null);

            var compiler = new[] { "cc", "gcc", "clang" }.Select(c => ExecutableSearch.Find(c)).FirstOrDefault(c => c is not null);
            if (compiler is null)
                return (null, $"no C compiler (cc, gcc or clang) on PATH to build the {name} (Debian: apt-get install gcc)");

            var tag = $"{Environment.ProcessId}.{Guid.NewGuid():N}";
            var src = Path.Combine(dir, $"{name}.{tag}.c");
            var tmp = Path.Combine(dir, $"{name}.{tag}.tmp");
            File.WriteAllText(src, source);
            try
            {
                // Static when libc.a is there: a smaller address space to fork from and no loader work per run.
                var error = Compile(compiler, ["-O2", "-static", "-o", tmp, src]);
                if (error is not null) error = Compile(compiler, ["-O2", "-o", tmp, src]);
                if (error is not null) return (null, $"{compiler} could not build the {name}: {error}");
                File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.Move(tmp, binary, overwrite: true); // rename(2): concurrent builders never see a half-written file
            }
            finally
            {
                File.Delete(src);
                File.Delete(tmp);
            }
            return (binary, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot build the {name} in {CacheRoot(name)}: {e.Message}");
        }
    }

    // One cc run on a file of this library's own: nothing forks under it, so .NET's process and tree kill suffice here.
    private static string? Compile(string compiler, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(compiler) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(entireProcessTree: true); return "timed out"; }
        return p.ExitCode == 0 ? null : stderr.Result.Trim().Split('\n').LastOrDefault() ?? $"exit {p.ExitCode}";
    }

    private static void CreatePrivateDirectory(string dir)
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var parts = new Stack<string>();
        for (var d = dir; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d)) parts.Push(d);
        foreach (var d in parts) Directory.CreateDirectory(d, Private);
    }

    /// <summary>Why a cached path must not be trusted (someone else owns it or may write it), or null.</summary>
    private static string? Unsafe(string path, string name)
    {
        var owner = Posix.OwnerOf(path);
        if (owner != Posix.geteuid()) return $"{path} is not owned by this user: the {name} is not used";
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            return $"{path} is writable by others: the {name} is not used";
        return null;
    }
}
