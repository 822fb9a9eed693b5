using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Corpus.Constructs;
using WasmPerfDiff.Exporters.Documents;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>gen constructs --out DIR</c>: writes the construct micro-benchmarks (one WASI module per construct family,
/// with a baseline variant) and their manifest, a corpus for <c>run --corpus DIR</c> and <c>calibrate --corpus DIR</c>.
/// </summary>
public static class GenVerb
{
    public static Command Create() =>
        new("gen", "generate corpora") { Subcommands = { Constructs(), GenProgramsVerb.Create() } };

    private static Command Constructs()
    {
        var output = new Option<string>("--out") { Description = "output folder (NAME.wat, NAME.wasm, manifest.json)", DefaultValueFactory = _ => "constructs" };
        var families = new Option<string?>("--families") { Description = "comma-separated globs on family names, e.g. 'call-*,f64-*' (default: all)" };
        var scale = new Option<double>("--scale") { Description = "multiplies every default size", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var cmd = new Command("constructs", "one WASI module per wasm construct family (with a baseline variant), as a corpus") { output, families, scale, json };
        cmd.SetAction((ParseResult pr) =>
        {
            var r = ConstructGenerator.Generate(new ConstructGenRequest(pr.GetValue(output)!, pr.GetValue(families), pr.GetValue(scale)));
            if (pr.GetValue(json)) JsonOutput.Print(ConstructGenDocument.From(r.OutDir, r.Manifest, r.Families));
            else
            {
                foreach (var f in r.Families)
                    Console.WriteLine($"{f.Family,-22} {f.OpcodeClass,-26} {f.Bytes,6} B  size {f.DefaultSize,10}{(f.Feature is { } feat ? "  needs " + feat : "")}");
                Console.WriteLine($"wrote {r.Families.Count} families ({2 * r.Families.Count} cases) to {r.OutDir}; run them with: run --corpus {r.OutDir} --db constructs.db");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
