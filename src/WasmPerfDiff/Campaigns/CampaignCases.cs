using System.IO.Enumeration;
using System.Security.Cryptography;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Where a campaign's cases come from: the one place that knows the corpus layout.
/// A foreign corpus is a directory of <c>NAME.wasm</c> modules with optional sidecars:
/// <c>NAME.args</c> (guest arguments, whitespace-separated), <c>NAME.test.args</c> (used instead
/// at <c>--size test</c>), <c>NAME.stdin</c> (fed to stdin).
/// </summary>
public static class CampaignCases
{
    public static IReadOnlyList<CaseRecord> FromForeignDir(string dir, string? glob, string size)
    {
        if (!Directory.Exists(dir)) throw new UsageException($"corpus directory '{dir}' does not exist");
        var cases = new List<CaseRecord>();
        foreach (var wasm in Directory.EnumerateFiles(dir, "*.wasm", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(wasm);
            if (!Matches(glob, name)) continue;
            var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(wasm))!, name);
            var argsFile = size == "test" && File.Exists(stem + ".test.args") ? stem + ".test.args" : stem + ".args";
            var args = File.Exists(argsFile)
                ? File.ReadAllText(argsFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                : [];
            var stdin = File.Exists(stem + ".stdin") ? stem + ".stdin" : null;
            cases.Add(new CaseRecord(name, Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/')), Path.GetFullPath(wasm),
                Sha256Hex(wasm), args, stdin, null, size));
        }
        if (cases.Count == 0)
            throw new UsageException($"no .wasm cases{(glob is null ? "" : $" matching '{glob}'")} in '{dir}'");
        return cases;
    }

    /// <summary>Shell-style glob on the case name (<c>*</c>, <c>?</c>); null or empty matches all.</summary>
    public static bool Matches(string? glob, string name) =>
        string.IsNullOrEmpty(glob) || FileSystemName.MatchesSimpleExpression(glob, name, ignoreCase: false);

    public static string Sha256Hex(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
