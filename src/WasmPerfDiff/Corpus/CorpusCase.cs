namespace WasmPerfDiff.Corpus;

/// <summary>One named input size of a case: the guest arguments and, when known, the SHA-256 (hex) of the expected stdout.</summary>
public sealed record CaseSize(IReadOnlyList<string> Args, string? StdoutSha256);

/// <summary>How a generated (large) case's C source is produced: a generator program of ours and its arguments.</summary>
public sealed record CaseGenerator(string Source, IReadOnlyList<string> Args);

/// <summary>
/// One benchmark of a corpus, as the manifest describes it. Paths (<see cref="Source"/>, <see cref="Wasm"/>,
/// <see cref="Stdin"/>) are relative to the corpus directory; <see cref="CorpusSet.Resolve"/> makes them absolute.
/// </summary>
public sealed record CorpusCase
{
    public const string TestSize = "test";
    public const string DefaultSize = "default";

    public required string Name { get; init; }
    public required string Suite { get; init; }
    /// <summary>C or C++ source; null for generated and foreign cases.</summary>
    public string? Source { get; init; }
    /// <summary><c>c</c> or <c>c++</c> (picks clang or clang++); <c>wasm</c> for a foreign module without source.</summary>
    public string Language { get; init; } = "c";
    /// <summary>The prebuilt module, <c>.wasm</c> or <c>.wasm.gz</c> (see <see cref="WasmMaterializer"/>).</summary>
    public required string Wasm { get; init; }
    /// <summary>SHA-256 (hex) of the uncompressed module.</summary>
    public string? WasmSha256 { get; init; }
    public long WasmBytes { get; init; }
    public string? Stdin { get; init; }
    /// <summary>A directory preopened for the guest at its own absolute path (relative to the corpus directory, or
    /// absolute): an interpreter's standard library, or the files a program reads. Null: the guest sees no files.</summary>
    public string? Preopen { get; init; }
    /// <summary>A module of several MB made to exercise compile and load phases.</summary>
    public bool Large { get; init; }
    public CaseGenerator? Generator { get; init; }
    /// <summary>Known runtime performance bugs this case reproduces (ids in <see cref="Triggers"/>).</summary>
    public IReadOnlyList<string> Triggers { get; init; } = [];
    /// <summary>At least <see cref="TestSize"/> and <see cref="DefaultSize"/>.</summary>
    public required IReadOnlyDictionary<string, CaseSize> Sizes { get; init; }
    /// <summary>CPU milliseconds of the native build per size, measured when the manifest was made (informative).</summary>
    public IReadOnlyDictionary<string, double>? NativeMs { get; init; }
    /// <summary>CPU seconds clang took to build the committed wasm (informative).</summary>
    public double? WasmCompileCpuS { get; init; }

    public CaseSize Size(string size) =>
        Sizes.TryGetValue(size, out var s) ? s
            : throw new BadInputException($"case '{Name}' has no size '{size}' (it has: {string.Join(", ", Sizes.Keys)})");
}
