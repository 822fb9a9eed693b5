using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmPerfDiff.Corpus;

/// <summary>
/// <c>corpus/manifest.json</c>: the cases of the project's corpus with their sizes, expected output
/// hashes and triggers, and how the committed wasm was built. Written by <c>corpus/tools/regen_manifest.py</c>
/// (and later by <c>calibrate</c>); snake_case JSON.
/// </summary>
public sealed record CorpusManifest
{
    public const string FileName = "manifest.json";

    public int Version { get; init; } = 1;
    /// <summary>Optimization level of the committed wasm (<c>O2</c>).</summary>
    public string Opt { get; init; } = "O2";
    /// <summary>First line of <c>clang --version</c> of the compiler that built the committed wasm.</summary>
    public string? Compiler { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? WasmFlags { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? NativeFlags { get; init; }
    public required IReadOnlyList<CorpusCase> Cases { get; init; }

    public static CorpusManifest Load(string path)
    {
        if (!File.Exists(path)) throw new BadInputException($"corpus manifest '{path}' does not exist");
        try
        {
            using var stream = Host.InputFile.OpenRead(path, "Corpus", "corpus manifest", Host.InputFile.TextMaxBytes);
            var manifest = JsonSerializer.Deserialize<CorpusManifest>(stream, WireJson.Input)
                ?? throw new BadInputException($"corpus manifest '{path}' is empty");
            Validate(manifest, path);
            return manifest;
        }
        catch (JsonException e)
        {
            throw JsonErrors.Describe($"corpus manifest '{path}'", e, "Corpus");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read corpus manifest '{path}': {e.Message}", "Corpus");
        }
    }

    public void Save(string path)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(this, WireJson.Document) + "\n");
        File.Move(tmp, path, overwrite: true);
    }

    private static void Validate(CorpusManifest manifest, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in manifest.Cases)
        {
            if (c is null) throw new BadInputException($"corpus manifest '{path}': 'cases' holds a null entry", "Corpus");
            if (string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Wasm) || string.IsNullOrWhiteSpace(c.Suite))
                throw new BadInputException($"corpus manifest '{path}': every case needs a name, a suite and a wasm path", "Corpus");
            foreach (var (size, s) in c.Sizes)
                if (s is null || s.Args is null || s.Args.Any(a => a is null))
                    throw new BadInputException($"corpus manifest '{path}': case '{c.Name}' size '{size}' needs an args list of strings", "Corpus");
            if (c.Generator is { } g && (g.Source is null || g.Args is null || g.Args.Any(a => a is null)))
                throw new BadInputException($"corpus manifest '{path}': case '{c.Name}' has a generator without a source or args", "Corpus");
            if (c.Triggers is null || c.Triggers.Any(t => t is null))
                throw new BadInputException($"corpus manifest '{path}': case '{c.Name}' has a null trigger", "Corpus");
            if (!names.Add(c.Name)) throw new BadInputException($"corpus manifest '{path}': case '{c.Name}' appears twice");
            if (!c.Sizes.ContainsKey(CorpusCase.TestSize) || !c.Sizes.ContainsKey(CorpusCase.DefaultSize))
                throw new BadInputException($"corpus manifest '{path}': case '{c.Name}' needs sizes 'test' and 'default'");
        }
    }
}
