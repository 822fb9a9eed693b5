using System.Security.Cryptography;

namespace WasmPerfDiff.Host;

/// <summary>SHA-256 of a file's bytes in lower-case hex: how modules, sidecars and outputs are identified everywhere.</summary>
public static class FileHash
{
    /// <summary>The hash of a regular file: a FIFO or a device is refused (as bad input of <paramref name="field"/>), never read forever.</summary>
    public static string Sha256Hex(string path, string? field = null)
    {
        using var f = InputFile.OpenRead(path, field ?? "Path", "file to hash", long.MaxValue);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
