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
            using var stream = File.OpenRead(path);
            var manifest = JsonSerializer.Deserialize<CorpusManifest>(stream, WireJson.Document)
                ?? throw new BadInputException($"corpus manifest '{path}' is empty");
            Validate(manifest, path);
            return manifest;
        }
        catch (JsonException e)
        {
            throw new BadInputException($"corpus manifest '{path}' is not valid: {e.Message}");
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
            if (!names.Add(c.Name)) throw new BadInputException($"corpus manifest '{path}': case '{c.Name}' appears twice");
            if (!c.Sizes.ContainsKey(CorpusCase.TestSize) || !c.Sizes.ContainsKey(CorpusCase.DefaultSize))
                throw new BadInputException($"corpus manifest '{path}': case '{c.Name}' needs sizes 'test' and 'default'");
        }
    }
}
