using WasmPerfDiff.Host;

namespace WasmPerfDiff.Corpus;

/// <summary>
/// A directory of someone else's <c>NAME.wasm</c> modules as a corpus. Optional sidecars beside each module:
/// <c>NAME.args</c> guest arguments, one per line (the <c>default</c> size); <c>NAME.test.args</c> arguments of
/// the <c>test</c> size (else the same as default); <c>NAME.stdin</c> fed to stdin; <c>NAME.expected</c> the
/// expected stdout (its SHA-256 is checked at the default size, and at the test size when both use the same args);
/// <c>NAME.dir</c> one line naming a directory to preopen for the guest (relative to the corpus directory, or absolute).
/// </summary>
public static class ForeignCorpus
{
    public const string Suite = "foreign";

    public static IReadOnlyList<CorpusCase> Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new BadInputException($"corpus directory '{directory}' does not exist");
        var cases = new List<CorpusCase>();
        foreach (var wasm in Directory.EnumerateFiles(directory, "*.wasm", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            // .NET decodes a file name that is not UTF-8 with U+FFFD, and the decoded name opens nothing: one such
            // file is skipped, said once, rather than every case of the corpus being refused. (A file removed since
            // the listing is simply gone.)
            if (FileFacts.Of(wasm, followLinks: false) is null)
            {
                if (wasm.Contains('\uFFFD'))
                    Warnings.Write($"skipping '{Path.GetFileName(wasm)}' in corpus '{directory}': its name is not valid UTF-8 (rename it to use it)");
                continue;
            }
            var name = Path.GetFileNameWithoutExtension(wasm);
            var stem = Path.Combine(directory, name);
            InputFile.RequireRegular(wasm, "Corpus", "WebAssembly module");
            var args = ReadArgs(stem + ".args") ?? [];
            var testArgs = ReadArgs(stem + ".test.args");
            string? expected = Sidecar(stem + ".expected") is { } e ? FileHash.Sha256Hex(e, "Corpus") : null;
            var sizes = new Dictionary<string, CaseSize>
            {
                [CorpusCase.DefaultSize] = new(args, expected),
                [CorpusCase.TestSize] = testArgs is null ? new(args, expected) : new(testArgs, null),
            };
            cases.Add(new CorpusCase
            {
                Name = name,
                Suite = Suite,
                Language = "wasm",
                Wasm = Path.GetFileName(wasm),
                WasmSha256 = FileHash.Sha256Hex(wasm, "Corpus"),
                WasmBytes = new FileInfo(wasm).Length,
                Stdin = Sidecar(stem + ".stdin") is null ? null : name + ".stdin",
                Preopen = ReadPreopen(stem + ".dir", directory),
                Sizes = sizes,
            });
        }
        if (cases.Count == 0)
            throw new BadInputException($"'{directory}' has neither {CorpusManifest.FileName} nor any .wasm file");
        return cases;
    }

    /// <summary>The directory a <c>NAME.dir</c> sidecar names; it must exist, so a typo is bad input, not a guest that finds no files.</summary>
    private static string? ReadPreopen(string path, string corpusDirectory)
    {
        if (Sidecar(path) is null) return null;
        var line = InputFile.ReadAllText(path, "Corpus", "preopen file", maxBytes: 1 << 20).Replace("\r\n", "\n").TrimEnd('\n');
        if (line.Length == 0 || line.Contains('\n'))
            throw new BadInputException($"'{path}' must hold one line: the directory to preopen for the guest", "Corpus");
        var full = Path.GetFullPath(Path.Combine(corpusDirectory, line));
        if (!Directory.Exists(full)) throw new BadInputException($"'{path}' names '{line}', which is not a directory", "Corpus");
        return full;
    }

    /// <summary>One argument per line; a trailing newline and CR line ends are ignored, blank lines inside are kept as empty arguments.</summary>
    private static IReadOnlyList<string>? ReadArgs(string path)
    {
        if (Sidecar(path) is null) return null;
        var text = InputFile.ReadAllText(path, "Corpus", "argument file", maxBytes: 1 << 20).Replace("\r\n", "\n").TrimEnd('\n');
        return text.Length == 0 ? [] : text.Split('\n');
    }

    /// <summary>The path of a sidecar that is there (null when none is), refused unless it is a regular file: a FIFO or
    /// a link to /dev/zero named NAME.stdin would hang or never end the runs it feeds.</summary>
    private static string? Sidecar(string path) =>
        FileFacts.Of(path, followLinks: false) is null ? null : InputFile.RequireRegular(path, "Corpus", "corpus sidecar file");
}
