using System.Security.Cryptography;

namespace WasmPerfDiff.Host;

/// <summary>SHA-256 of a file's bytes in lower-case hex: how modules, sidecars and outputs are identified everywhere.</summary>
public static class FileHash
{
    public static string Sha256Hex(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
