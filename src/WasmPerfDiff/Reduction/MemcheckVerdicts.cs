using System.Security.Cryptography;
using System.Text;

namespace WasmPerfDiff.Reduction;

/// <summary>
/// The native binaries memcheck found clean in a reduction (<c>memcheck-clean.txt</c> in its work folder, a line per
/// binary and arguments). Most kept steps of a reduction are edits the compilers optimise away, so their plain native
/// build is an earlier kept step's binary byte for byte, and the same binary run on the same arguments gets the same
/// answer. Memcheck, ten to forty times a plain run, was most of such a step's time (4.4 s of 5.4 s on sha256). Only
/// clean answers are kept: an error ends the candidate, and a timeout may be the machine's. Checks run one at a time,
/// so appends do not interleave.
/// </summary>
public sealed class MemcheckVerdicts(string path)
{
    public const string FileName = "memcheck-clean.txt";

    /// <summary>The key of one binary run on <paramref name="args"/> with <paramref name="stdin"/> (two hashes: a line holds no space or newline).</summary>
    public static string Key(string binary, IReadOnlyList<string> args, string? stdin)
    {
        using var file = File.OpenRead(binary);
        var run = Encoding.UTF8.GetBytes(string.Join('\0', args) + "\0\0" + (stdin ?? ""));
        return Convert.ToHexStringLower(SHA256.HashData(file)) + "-" + Convert.ToHexStringLower(SHA256.HashData(run));
    }

    public bool IsClean(string key) => File.Exists(path) && File.ReadLines(path).Contains(key, StringComparer.Ordinal);

    public void AddClean(string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.AppendAllText(path, key + "\n");
    }
}
