using System.Formats.Tar;
using System.IO.Compression;
using SharpCompress.Compressors.Xz;

namespace WasmPerfDiff.Runtimes.Install;

/// <summary>
/// Unpacks release archives (<c>.tar.gz</c>, <c>.tgz</c>, <c>.tar.xz</c>, <c>.zip</c>) into a folder: regular files
/// with their modes, folders, and symbolic links that stay inside the folder (release tarballs link
/// <c>libX.so → libX.so.0</c>); an entry that would land outside is refused. <c>.tar.xz</c> is decoded by
/// SharpCompress's managed XZ decoder (wasmtime publishes only <c>.tar.xz</c> for Linux).
/// </summary>
public static class Archives
{
    public static async Task ExtractAsync(string archive, string destination, CancellationToken cancel)
    {
        Directory.CreateDirectory(destination);
        var name = Path.GetFileName(archive).ToLowerInvariant();
        try
        {
            if (name.EndsWith(".zip")) { ExtractZip(archive, destination); return; }
            await using var file = File.OpenRead(archive);
            await using Stream decoded = name.EndsWith(".tar.xz") || name.EndsWith(".txz") ? new XZStream(file)
                : name.EndsWith(".tar.gz") || name.EndsWith(".tgz") ? new GZipStream(file, CompressionMode.Decompress)
                : throw new BadInputException($"{Path.GetFileName(archive)}: unknown archive format (expected .tar.gz, .tar.xz or .zip)");
            await ExtractTarAsync(decoded, destination, Path.GetFileName(archive), cancel);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or NotSupportedException
                                      || e.GetType().Namespace?.StartsWith("SharpCompress", StringComparison.Ordinal) == true)
        {
            throw new BadInputException($"{Path.GetFileName(archive)}: not a readable archive ({e.Message.Split('\n')[0].TrimEnd('.')})");
        }
    }

    /// <summary>The folder an archive's content sits in: its single top folder when it has one (wasmtime-v46.0.0-x86_64-linux/…), else the folder itself.</summary>
    public static string ContentRoot(string destination)
    {
        var entries = Directory.GetFileSystemEntries(destination);
        return entries.Length == 1 && Directory.Exists(entries[0]) && !File.GetAttributes(entries[0]).HasFlag(FileAttributes.ReparsePoint) ? entries[0] : destination;
    }

    private static async Task ExtractTarAsync(Stream tar, string destination, string what, CancellationToken cancel)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(cancellationToken: cancel) is { } entry)
        {
            var path = Inside(root, entry.Name, what);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await entry.ExtractToFileAsync(path, overwrite: true, cancel);
                    break;
                case TarEntryType.SymbolicLink:
                    Inside(root, Path.Combine(Path.GetDirectoryName(entry.Name) ?? "", entry.LinkName), what);
                    if (Path.IsPathRooted(entry.LinkName)) throw new BadInputException($"{what}: link {entry.Name} points outside the archive");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    if (File.Exists(path) || Directory.Exists(path)) File.Delete(path);
                    File.CreateSymbolicLink(path, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    var target = Inside(root, entry.LinkName, what);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.Copy(target, path, overwrite: true);
                    break;
                // pax/GNU metadata entries are consumed by TarReader; devices and fifos have no place in a runtime release.
            }
        }
    }

    private static void ExtractZip(string archive, string destination)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        using var zip = ZipFile.OpenRead(archive);
        foreach (var entry in zip.Entries)
        {
            var path = Inside(root, entry.FullName, Path.GetFileName(archive));
            if (entry.FullName.EndsWith('/')) { Directory.CreateDirectory(path); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: true);
            // Zip keeps Unix modes in the upper half of the external attributes when made on Unix.
            var mode = (entry.ExternalAttributes >> 16) & 0x1FF;
            if (mode != 0) File.SetUnixFileMode(path, (UnixFileMode)mode);
        }
    }

    private static string Inside(string root, string entryName, string what)
    {
        var path = Path.GetFullPath(Path.Combine(root, entryName));
        if (!path.StartsWith(root, StringComparison.Ordinal) && path + Path.DirectorySeparatorChar != root)
            throw new BadInputException($"{what}: entry escapes the folder: {entryName}");
        return path;
    }
}
