using System.IO.Compression;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Corpus;

/// <summary>
/// Gives a case's module as a plain <c>.wasm</c> file. Modules over 4 MB are committed gzipped
/// (<c>NAME.wasm.gz</c>); they are decompressed once into a cache keyed by their SHA-256
/// (<c>$XDG_CACHE_HOME/wasm-perfdiff/corpus/&lt;sha&gt;.wasm</c>, default <c>~/.cache</c>) and verified against the manifest.
/// </summary>
public static class WasmMaterializer
{
    public const string CacheDirectoryVariable = "WASM_PERFDIFF_CACHE";

    /// <summary>The tool's cache root: <c>$WASM_PERFDIFF_CACHE</c>, else <c>$XDG_CACHE_HOME/wasm-perfdiff</c>, else <c>~/.cache/wasm-perfdiff</c>.</summary>
    public static string DefaultCacheRoot()
    {
        var explicitRoot = Environment.GetEnvironmentVariable(CacheDirectoryVariable);
        if (!string.IsNullOrEmpty(explicitRoot)) return explicitRoot;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "wasm-perfdiff");
    }

    public static string WasmPath(CorpusSet corpus, CorpusCase c, string? cacheRoot = null)
    {
        var path = corpus.Resolve(c.Wasm);
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            if (!File.Exists(path)) throw new BadInputException($"case '{c.Name}': module '{path}' does not exist");
            return path;
        }
        if (c.WasmSha256 is null) throw new BadInputException($"case '{c.Name}': a gzipped module needs wasm_sha256 in the manifest");
        var dir = Path.Combine(cacheRoot ?? DefaultCacheRoot(), "corpus");
        var target = Path.Combine(dir, c.WasmSha256 + ".wasm");
        if (File.Exists(target)) return target;
        if (!File.Exists(path)) throw new BadInputException($"case '{c.Name}': module '{path}' does not exist");
        Directory.CreateDirectory(dir);
        // Decompress beside the target and rename, so a concurrent user never sees half a file.
        var tmp = Path.Combine(dir, $"{c.WasmSha256}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
            using (var output = File.Create(tmp))
                input.CopyTo(output);
            var actual = FileHash.Sha256Hex(tmp);
            if (actual != c.WasmSha256)
                throw new BadInputException($"case '{c.Name}': '{path}' decompresses to SHA-256 {actual}, manifest says {c.WasmSha256}");
            File.Move(tmp, target, overwrite: true);
            return target;
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
