namespace WasmPerfDiff.Corpus;

/// <summary>
/// A corpus ready to use: its directory and cases. Either the project's own corpus (a directory with
/// <c>manifest.json</c>) or a foreign one (a directory of <c>.wasm</c> files with sidecars, see <see cref="ForeignCorpus"/>).
/// </summary>
public sealed class CorpusSet
{
    public string Directory { get; }
    public IReadOnlyList<CorpusCase> Cases { get; }
    /// <summary>Null for a foreign corpus.</summary>
    public CorpusManifest? Manifest { get; }
    public bool IsForeign => Manifest is null;

    public CorpusSet(string directory, IReadOnlyList<CorpusCase> cases, CorpusManifest? manifest)
    {
        Directory = Path.GetFullPath(directory);
        Cases = cases;
        Manifest = manifest;
    }

    /// <summary>Opens <paramref name="directory"/> as the project's corpus if it has a manifest, else as a foreign corpus.</summary>
    public static CorpusSet Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new BadInputException($"corpus directory '{directory}' does not exist");
        var manifestPath = Path.Combine(directory, CorpusManifest.FileName);
        if (File.Exists(manifestPath))
        {
            var manifest = CorpusManifest.Load(manifestPath);
            return new CorpusSet(directory, manifest.Cases, manifest);
        }
        return new CorpusSet(directory, ForeignCorpus.Load(directory), null);
    }

    /// <summary>Opens the corpus that <see cref="CorpusLocator"/> finds (explicit directory first).</summary>
    public static CorpusSet Locate(string? explicitDirectory = null) => Open(CorpusLocator.Locate(explicitDirectory));

    /// <summary>Absolute path of a corpus-relative path (absolute paths pass through).</summary>
    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Directory, relative));

    public CorpusCase Find(string name) =>
        Cases.FirstOrDefault(c => c.Name == name) ?? throw new BadInputException($"no case '{name}' in corpus '{Directory}'");

    /// <summary>Absolute stdin path of a case, or null.</summary>
    public string? StdinPath(CorpusCase c) => c.Stdin is null ? null : Resolve(c.Stdin);

    public string? PreopenPath(CorpusCase c) => c.Preopen is null ? null : Resolve(c.Preopen);
}
