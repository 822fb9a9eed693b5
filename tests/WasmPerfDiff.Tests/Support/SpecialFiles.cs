using System.Runtime.InteropServices;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Tests.Support;

/// <summary>
/// A scratch folder with the kinds of file a careless tool destroys: a FIFO, an existing empty file and (as root) a
/// character device node like /dev/null, made with mknod(2). Each is snapshot at creation (type, device, inode, size,
/// modification time), so a test asserts it is still there and unchanged after the tool ran.
/// </summary>
public sealed class SpecialFiles
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("perfdiff-special-").FullName;
    public string Fifo { get; }
    public string Empty { get; }
    /// <summary>Null when not root (mknod of a device needs CAP_MKNOD).</summary>
    public string? Device { get; }
    private readonly Dictionary<string, (FileFacts Facts, DateTime Modified)> _before = new();

    public SpecialFiles()
    {
        Fifo = Make("pipe.db", p => mkfifo(p, 0x1A4));
        Empty = Make("empty.db", p => { File.WriteAllBytes(p, []); return 0; });
        // makedev(1, 3): the numbers of /dev/null, so a write that got through would vanish rather than harm anything.
        if (IsRoot) Device = Make("null.db", p => mknod(p, 0x2000 | 0x1B6, (1UL << 8) | 3));
    }

    public static bool IsRoot => geteuid() == 0;

    public IEnumerable<string> All => Device is null ? [Fifo, Empty] : [Fifo, Empty, Device];

    /// <summary>The file is there, of the same kind, the same inode, size and modification time as when made.</summary>
    public void AssertUnchanged(string path)
    {
        var now = FileFacts.Of(path, followLinks: false);
        Assert.True(now is not null, $"{path} was removed");
        var (facts, modified) = _before[path];
        Assert.Equal(facts, now.Value);
        Assert.Equal(modified, File.GetLastWriteTimeUtc(path));
    }

    private string Make(string name, Func<string, int> create)
    {
        var path = Path.Combine(Dir, name);
        Assert.True(create(path) == 0, $"cannot create {path}: errno {Marshal.GetLastPInvokeError()}");
        _before[path] = (FileFacts.Of(path, followLinks: false)!.Value, File.GetLastWriteTimeUtc(path));
        return path;
    }

    [DllImport("libc", SetLastError = true)] private static extern int mkfifo(string path, uint mode);
    [DllImport("libc", SetLastError = true)] private static extern int mknod(string path, uint mode, ulong dev);
    [DllImport("libc")] private static extern uint geteuid();
}

/// <summary>A fact that makes a device node: it needs root, as in CI; elsewhere it is skipped with that reason.</summary>
public sealed class RequiresRootFactAttribute : FactAttribute
{
    public RequiresRootFactAttribute() =>
        Skip = RequiredTools.SkipReason("root", SpecialFiles.IsRoot ? null : "making a device node with mknod needs root (CI runs the tests as root)");
}
