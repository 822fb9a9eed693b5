using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Python;

/// <summary>
/// CPython's source as Debian ships it: <c>apt-get source --download-only python3.11</c> from the machine's own
/// mirror (a <c>deb-src</c> entry that <c>scripts/install-deps.sh</c> adds), checked against a pinned SHA-256 of the
/// upstream tarball. apt checks the <c>.dsc</c> and every file it lists against Debian's signed Sources index; the pin
/// checks that the tarball is the release this corpus was made for, whatever Debian revision carries it.
/// </summary>
public static class CPythonSource
{
    public const string Package = "python3.11";
    public const string Version = "3.11.2";
    public const string Tarball = "python3.11_3.11.2.orig.tar.gz";
    /// <summary>SHA-256 of <see cref="Tarball"/> as Debian 12's python3.11 3.11.2-6+deb12u8 and u9 list it.</summary>
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
        var download = await ToolProcess.RunAsync(apt, ["source", "--download-only", Package], DownloadTimeout, ct: ct, workingDirectory: scratch);
        if (!download.Ok)
        {
            if (download.Stderr.Contains("deb-src", StringComparison.Ordinal))
                throw new BadInputException("apt has no deb-src entry for Debian's source packages: run scripts/install-deps.sh (it adds one for this machine's mirror)");
            throw new BadInputException($"apt-get source {Package} failed: {download.Tail(400).ReplaceLineEndings(" ")}");
        }
        var tarball = Path.Combine(scratch, Tarball);
        if (!File.Exists(tarball))
            throw new BadInputException($"apt-get source {Package} gave no {Tarball}: Debian now ships another CPython release than the {Version} this corpus pins");
        var sha = FileHash.Sha256Hex(tarball);
        if (sha != TarballSha256)
            throw new BadInputException($"{Tarball} has SHA-256 {sha}, not the pinned {TarballSha256}: refusing to build it");
        var tar = ExecutableSearch.Find("tar") ?? throw new BadInputException("tar is not on PATH (apt-get install tar)");
        var unpack = await ToolProcess.RunAsync(tar, ["xzf", Tarball], UnpackTimeout, ct: ct, workingDirectory: scratch);
        if (!unpack.Ok) throw new BadInputException($"unpacking {Tarball} failed: {unpack.Tail(400).ReplaceLineEndings(" ")}");
        return Path.Combine(scratch, TopFolder);
    }
}
