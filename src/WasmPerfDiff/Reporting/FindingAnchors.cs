using System.Security.Cryptography;
using System.Text;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Reporting;

/// <summary>
/// Stable ids of findings: the HTML anchor of each finding, and the key under which profiling
/// attaches flame graphs (<see cref="ReportOptions.FlameGraphs"/>). Readable (kind, case, runtime)
/// plus a short hash of the exact names, so names that differ only in punctuation stay apart.
/// </summary>
public static class FindingAnchors
{
    /// <summary>Characters of the readable part kept per name: enough to recognise a case in a URL.</summary>
    private const int SlugLength = 40;

    public static string Id(Finding f) => Id(Wire.Name(f.Kind), f.Case, f.Runtime);

    public static string Id(string kind, string @case, string runtime)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{@case}\n{runtime}"));
        return $"f-{Slug(kind)}-{Slug(@case)}-{Slug(runtime)}-{Convert.ToHexStringLower(hash)[..8]}";
    }

    /// <summary>Lower-case letters, digits and '-' only: safe in an id, a URL fragment and a file name.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, SlugLength));
        foreach (var ch in text.ToLowerInvariant())
        {
            if (sb.Length >= SlugLength) break;
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-') is { Length: > 0 } s ? s : "x";
    }
}
