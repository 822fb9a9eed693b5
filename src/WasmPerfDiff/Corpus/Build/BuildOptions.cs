namespace WasmPerfDiff.Corpus.Build;

/// <summary>What <see cref="CorpusBuilder"/> builds and where.</summary>
public sealed record BuildOptions
{
    public static readonly IReadOnlyList<string> OptLevels = ["O0", "O1", "O2", "O3"];

    public string Opt { get; init; } = "O2";
    public WasmCompiler Compiler { get; init; } = WasmCompiler.Clang;
    /// <summary>Also build native executables (the reference for expected outputs).</summary>
    public bool Native { get; init; }
    /// <summary>Output root: <c>wasm/&lt;opt&gt;/NAME.wasm</c> and <c>native/&lt;opt&gt;/NAME</c> go below it.</summary>
    public required string OutDir { get; init; }
    /// <summary>Cache root (default <see cref="WasmMaterializer.DefaultCacheRoot"/>); builds live in its <c>build/</c>.</summary>
    public string? CacheRoot { get; init; }
    /// <summary>Only these case names (null: every case).</summary>
    public IReadOnlyCollection<string>? Cases { get; init; }
    public int Jobs { get; init; } = Environment.ProcessorCount;
}

/// <summary>What happened to one case: output paths (null when not built), whether they came from the cache, and any error.</summary>
public sealed record CaseBuildResult(string Name, string? Wasm, string? Native, bool Cached, double Seconds, string? Error)
{
    public bool Ok => Error is null;
}

/// <summary>The outcome of a build; <see cref="Failed"/> cases carry their compiler's message.</summary>
public sealed record BuildReport(string Opt, string Compiler, string CompilerVersion, string OutDir, IReadOnlyList<CaseBuildResult> Cases)
{
    public int Built => Cases.Count(c => c.Ok && !c.Cached);
    public int FromCache => Cases.Count(c => c.Ok && c.Cached);
    public int Failed => Cases.Count(c => !c.Ok);
}
