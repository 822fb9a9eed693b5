using System.Reflection;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Corpus.Constructs;

/// <summary>What <c>gen constructs</c> asks for: the output folder, which families (a glob on names), and a scale on the default sizes.</summary>
public sealed record ConstructGenRequest(string OutDir, string? Families = null, double Scale = 1);

/// <summary>One generated family: its module, its WAT source and the default size of both of its cases.</summary>
public sealed record GeneratedConstruct(string Family, string OpcodeClass, string Wasm, long Bytes, long DefaultSize, long TestSize, string? Feature);

public sealed record ConstructGenResult(string OutDir, string Manifest, IReadOnlyList<GeneratedConstruct> Families);

/// <summary>
/// Writes the construct corpus: for every family <c>NAME.wat</c> (the source) and <c>NAME.wasm</c> (converted by
/// the embedded Wasmtime's <c>wat2wasm</c>, then validated), and a <c>manifest.json</c> with two cases per
/// family — <c>NAME</c> (args <c>SIZE construct</c>) and <c>NAME.base</c> (args <c>SIZE base</c>) — so the
/// folder is a corpus that <c>run --corpus</c> runs and <c>calibrate --corpus</c> sizes.
/// </summary>
public static class ConstructGenerator
{
    public const string Suite = "constructs";

    /// <summary>Iterations of a plain loop in the default size (about 20 ms on an optimizing JIT).</summary>
    public const double DefaultIterations = 20_000_000;

    public const double TestIterations = 20_000;

    public static ConstructGenResult Generate(ConstructGenRequest request)
    {
        if (!(request.Scale > 0) || !double.IsFinite(request.Scale)) throw new BadInputException("must be a positive number", nameof(request.Scale));
        var families = ConstructCatalog.All.Where(f => Matches(request.Families, f.Name)).ToList();
        if (families.Count == 0)
            throw new BadInputException($"no construct family matches (there are: {string.Join(", ", ConstructCatalog.All.Select(f => f.Name))})", nameof(request.Families));
        var dir = OutputPaths.PrepareDirectory(request.OutDir, "Out");
        var manifestPath = OutputPaths.PrepareFile(Path.Combine(dir, CorpusManifest.FileName), "Out");
        var generated = new List<GeneratedConstruct>();
        var cases = new List<CorpusCase>();
        foreach (var f in families)
        {
            var size = Math.Min(Size(DefaultIterations * request.Scale, f.Work), f.MaxSize ?? long.MaxValue);
            var test = Math.Min(Size(TestIterations, f.Work), f.MaxSize ?? long.MaxValue);
            var wat = ConstructModule.Wat(f, size);
            var bytes = WatCompiler.ToBinary(wat, f.Name);
            var wasm = f.Name + ".wasm";
            OutputPaths.WriteText(Path.Combine(dir, f.Name + ".wat"), "Out", wat);
            OutputPaths.Write(Path.Combine(dir, wasm), "Out", s => s.Write(bytes));
            var sha = FileHash.Sha256Hex(Path.Combine(dir, wasm));
            foreach (var (name, variant) in new[] { (f.Name, ConstructModule.ConstructArgument), (f.BaseName, ConstructModule.BaseArgument) })
                cases.Add(new CorpusCase
                {
                    Name = name,
                    Suite = Suite,
                    Language = "wasm",
                    Wasm = wasm,
                    WasmSha256 = sha,
                    WasmBytes = bytes.Length,
                    Triggers = [],
                    Sizes = new Dictionary<string, CaseSize>
                    {
                        [CorpusCase.TestSize] = new([test.ToString(), variant], null),
                        [CorpusCase.DefaultSize] = new([size.ToString(), variant], null),
                    },
                });
            generated.Add(new GeneratedConstruct(f.Name, f.OpcodeClass, wasm, bytes.Length, size, test, f.Feature));
        }
        var manifest = new CorpusManifest
        {
            Opt = "wat",
            Compiler = $"wasm-perfdiff gen constructs (wat2wasm of Wasmtime .NET {typeof(Wasmtime.Module).Assembly.GetName().Version})",
            Cases = cases,
        };
        manifest.Save(manifestPath);
        return new ConstructGenResult(dir, manifestPath, generated);
    }

    private static long Size(double iterations, double work) => Math.Clamp((long)Math.Round(iterations / work), 2, int.MaxValue);

    private static bool Matches(string? glob, string name) =>
        glob is null || glob.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(g => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(g, name));
}
