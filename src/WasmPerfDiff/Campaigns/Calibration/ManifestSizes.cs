using System.Globalization;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Campaigns.Calibration;

/// <summary>
/// Writes calibrated sizes (<c>default</c>, or another named size such as <c>demo</c>) into the corpus manifest
/// together with the expected stdout of the new size. A case that gets a size it did not have but whose calibration
/// changed nothing (a large module, a size already right) is given its starting size, so every case has the size. The expected output comes from the native build when a toolchain is here (the reference), else from the reference runtime itself, which the manifest's provenance then says.
/// </summary>
public static class ManifestSizes
{
    private static readonly TimeSpan NativeTimeout = TimeSpan.FromMinutes(5);

    public static async Task<string> RecordAsync(CorpusSet corpus, IReadOnlyList<CalibrationResult> results, string size, IRuntime reference, CancellationToken ct)
    {
        var manifest = corpus.Manifest ?? throw new BadInputException("a foreign corpus has no manifest to record sizes in");
        var changed = results.Where(r => r.Changed).ToList();
        var natives = await NativeBinariesAsync(corpus, changed.Select(c => c.Case).ToList(), ct);
        var byName = results.ToDictionary(c => c.Case);
        var cases = new List<CorpusCase>();
        foreach (var c in manifest.Cases)
        {
            if (!byName.TryGetValue(c.Name, out var result)) { cases.Add(c); continue; }
            var old = SizeCalibrator.StartingSize(c, size);
            if (!result.Changed)
            {
                cases.Add(c.Sizes.ContainsKey(size) ? c : c with { Sizes = new Dictionary<string, CaseSize>(c.Sizes) { [size] = old } });
                continue;
            }
            List<string> args = [result.NewSize!, .. old.Args.Skip(1)];
            var sha = natives.TryGetValue(c.Name, out var native)
                ? await NativeStdoutAsync(native, args, corpus.StdinPath(c), ct)
                : null;
            sha ??= (await reference.RunAsync(new RunRequest(WasmMaterializer.WasmPath(corpus, c), args, RunRequest.DefaultTimeout, corpus.StdinPath(c)), ct)).StdoutSha256;
            var sizes = new Dictionary<string, CaseSize>(c.Sizes) { [size] = new CaseSize(args, sha) };
            cases.Add(c with { Sizes = sizes });
        }
        var path = Path.Combine(corpus.Directory, CorpusManifest.FileName);
        (manifest with { Cases = cases }).Save(path);
        return path;
    }

    /// <summary>Native builds of the named cases, or none when no native toolchain is here.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> NativeBinariesAsync(CorpusSet corpus, IReadOnlyList<string> names, CancellationToken ct)
    {
        try
        {
            var outDir = Path.Combine(Path.GetTempPath(), "wasm-perfdiff-calibrate");
            var report = await CorpusBuilder.BuildAsync(corpus, new BuildOptions { OutDir = outDir, Native = true, Cases = names }, ct: ct);
            return report.Cases.Where(c => c.Ok && c.Native is not null).ToDictionary(c => c.Name, c => c.Native!);
        }
        catch (BadInputException)
        {
            return new Dictionary<string, string>(); // no toolchain: fall back to the reference runtime's output
        }
    }

    private static async Task<string?> NativeStdoutAsync(string binary, IReadOnlyList<string> args, string? stdin, CancellationToken ct)
    {
        var outcome = await ChildProcess.RunAsync(new ProcessSpec(binary, args, NativeTimeout) { StdinPath = stdin }, cancellationToken: ct);
        return outcome.ExitCode == 0 ? outcome.Stdout.Sha256 : null;
    }
}
