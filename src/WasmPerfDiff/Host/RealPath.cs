using System.Runtime.InteropServices;

namespace WasmPerfDiff.Host;

/// <summary>Where a path really leads once every symbolic link and <c>..</c> is resolved (realpath(3)).</summary>
public static partial class RealPath
{
    /// <summary>The resolved absolute path, or null when some part of it does not exist.</summary>
    public static unsafe string? Of(string path)
    {
        var resolved = realpath(path, null);
        if (resolved == null) return null;
        try { return Marshal.PtrToStringUTF8((nint)resolved); }
        finally { free(resolved); }
    }

    /// <summary>True when <paramref name="path"/> resolves to <paramref name="root"/> or below it (after links). A path that
    /// does not exist is judged by its text alone; one that exists but cannot be resolved (a link loop, a chain of
    /// links longer than the kernel follows) is not inside.</summary>
    public static bool IsInside(string path, string root)
    {
        var realRoot = Of(root) ?? Path.GetFullPath(root);
        var real = Of(path);
        if (real is null)
        {
            if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null) return false;
            real = Path.GetFullPath(path);
        }
        return real == realRoot || real.StartsWith(realRoot.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial byte* realpath(string path, byte* resolved);

    [LibraryImport("libc")]
    private static unsafe partial void free(void* pointer);
}
