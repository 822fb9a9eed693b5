using System.Security.Cryptography;

namespace WasmPerfDiff.Host.Processes;

/// <summary>
/// A sink for a child's output stream: counts and SHA-256-hashes every byte but keeps only the first
/// <c>capture</c> bytes, so a guest writing gigabytes neither deadlocks the pipe nor fills memory.
/// </summary>
public sealed class StreamDigest(int capture)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream _head = new();
    private string? _sha256;

    public long Bytes { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        Bytes += chunk.Length;
        _hash.AppendData(chunk);
        var room = capture - (int)_head.Length;
        if (room > 0) _head.Write(chunk[..Math.Min(room, chunk.Length)]);
    }

    public string Sha256 => _sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>The kept leading bytes.</summary>
    public byte[] Head => _head.ToArray();

    public string HeadText => System.Text.Encoding.UTF8.GetString(_head.GetBuffer(), 0, (int)_head.Length);
}
