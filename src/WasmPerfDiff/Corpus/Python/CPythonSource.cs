using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Python;

/// <summary>
/// CPython's source as Debian ships it: <c>apt-get source --download-only python3.11</c> from the machine's own
/// mirror (a <c>deb-src</c> entry that <c>scripts/install-deps.sh</c> adds) at a pinned revision. apt checks the
/// <c>.dsc</c> and every file it lists against Debian's signed Sources index; the pinned SHA-256s of the <c>.dsc</c>
/// and of the upstream tarball check that they are the ones this corpus was made with.
/// </summary>
public static class CPythonSource
{
    public const string Package = "python3.11";
    public const string Version = "3.11.2";
    /// <summary>The Debian revision fetched (Debian 12's main archive; later security revisions carry the same tarball).</summary>
    public const string DebianVersion = "3.11.2-6+deb12u8";
    public const string Dsc = "python3.11_3.11.2-6+deb12u8.dsc";
    /// <summary>SHA-256 of <see cref="Dsc"/> as Debian's signed Sources index lists it.</summary>
    public const string DscSha256 = "197fa19ab45f41c820f40f6d9ead671c2ea29ddc53ba9424b36f1bf58458a10e";
    public const string Tarball = "python3.11_3.11.2.orig.tar.gz";
    /// <summary>SHA-256 of <see cref="Tarball"/>, the upstream release, as the <c>.dsc</c> lists it.</summary>
    public const string TarballSha256 = "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849";
    /// <summary>The folder the tarball unpacks to.</summary>
    public const string TopFolder = "Python-3.11.2";

    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan UnpackTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Downloads and unpacks the source into <paramref name="scratch"/>; returns the source tree.</summary>
    public static async Task<string> FetchAsync(string scratch, CancellationToken ct)
    {
        var apt = ExecutableSearch.Find("apt-get")
            ?? throw new BadInputException("apt-get is not on PATH: the Python corpus builds CPython from Debian's source package (Debian or a derivative needed)");
        var download = await ToolProcess.RunAsync(apt, ["source", "--download-only", $"{Package}={DebianVersion}"], DownloadTimeout, ct: ct, workingDirectory: scratch);
        if (!download.Ok)
        {
            if (download.Stderr.Contains("deb-src", StringComparison.Ordinal))
                throw new BadInputException("apt has no deb-src entry for Debian's source packages: run scripts/install-deps.sh (it adds one for this machine's mirror)");
            throw new BadInputException($"apt-get source {Package}={DebianVersion} failed: {FirstError(download)}");
        }
        var tarball = Path.Combine(scratch, Tarball);
        if (!File.Exists(tarball))
            throw new BadInputException($"apt-get source {Package}={DebianVersion} gave no {Tarball}");
        foreach (var (file, pinned) in new[] { (Dsc, DscSha256), (Tarball, TarballSha256) })
        {
            var sha = FileHash.Sha256Hex(Path.Combine(scratch, file));
            if (sha != pinned) throw new BadInputException($"{file} has SHA-256 {sha}, not the pinned {pinned}: refusing to build it");
        }
        var tar = ExecutableSearch.Find("tar") ?? throw new BadInputException("tar is not on PATH (apt-get install tar)");
        var unpack = await ToolProcess.RunAsync(tar, ["xzf", Tarball], UnpackTimeout, ct: ct, workingDirectory: scratch);
        if (!unpack.Ok) throw new BadInputException($"unpacking {Tarball} failed: {unpack.Tail(400).ReplaceLineEndings(" ")}");
        return Path.Combine(scratch, TopFolder);
    }

    /// <summary>apt's first error line (its warnings about the _apt user's sandbox are noise here).</summary>
    private static string FirstError(ToolResult r) =>
        (r.Stderr + "\n" + r.Stdout).Split('\n').FirstOrDefault(l => l.StartsWith("E: ", StringComparison.Ordinal))?.Trim() ?? r.Tail(300).ReplaceLineEndings(" ");
}
