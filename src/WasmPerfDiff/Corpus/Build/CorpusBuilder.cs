using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Corpus.Build;

/// <summary>
/// Builds a corpus's cases to wasm (and optionally native) with a content-hash cache: the key of an output
/// is the SHA-256 of its source, the shared headers, the command line and the compiler version, so a rebuild
/// with nothing changed only copies cached files. Large cases first run their generator (compiled natively,
/// also cached) to produce their C source.
/// </summary>
public sealed class CorpusBuilder
{
    /// <summary>Bumped when the cache layout or key recipe changes.</summary>
    private const string KeyVersion = "perfdiff-build-v1";
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(3);
    /// <summary>Large modules take about a minute of clang -O2 on an idle core; leave room for a busy machine.</summary>
    private static readonly TimeSpan LargeCompileTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan GeneratorTimeout = TimeSpan.FromMinutes(2);

    private readonly CorpusSet _corpus;
    private readonly BuildOptions _options;
    private readonly BuildToolchain _wasm;
    private readonly string? _nativeC, _nativeCxx, _nativeVersion;
    private readonly string _cacheDir, _include;
    private readonly byte[] _headers;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _generated = new();

    private CorpusBuilder(CorpusSet corpus, BuildOptions options, BuildToolchain wasm, string? nativeC, string? nativeCxx, string? nativeVersion)
    {
        _corpus = corpus;
        _options = options;
        _wasm = wasm;
        _nativeC = nativeC;
        _nativeCxx = nativeCxx;
        _nativeVersion = nativeVersion;
        _cacheDir = Path.Combine(options.CacheRoot ?? WasmMaterializer.DefaultCacheRoot(), "build");
        _include = corpus.Resolve("include");
        _headers = HeaderBytes(_include);
    }

    public static async Task<BuildReport> BuildAsync(CorpusSet corpus, BuildOptions options,
        Action<CaseBuildResult>? onCase = null, CancellationToken ct = default)
    {
        if (corpus.IsForeign) throw new BadInputException($"'{corpus.Directory}' is a foreign corpus (prebuilt .wasm, no sources): nothing to build");
        if (!BuildOptions.OptLevels.Contains(options.Opt)) throw new BadInputException($"must be one of {string.Join(", ", BuildOptions.OptLevels)}", nameof(BuildOptions.Opt));
        var selected = Select(corpus, options.Cases);
        if (selected.FirstOrDefault(c => c.Source is null && c.Generator is null) is { } prebuilt)
            throw new BadInputException($"case '{prebuilt.Name}' has neither a source nor a generator: nothing to build it from (a prebuilt module needs no build)", "Cases");
        options = options with { OutDir = Host.OutputPaths.PrepareDirectory(options.OutDir, "Out") };
        var wasm = await BuildToolchain.DetectAsync(options.Compiler, ct: ct);
        string? nativeC = null, nativeCxx = null, nativeVersion = null;
        if (options.Native || selected.Any(c => c.Generator != null))
        {
            (nativeC, nativeCxx) = BuildToolchain.NativeCompilers();
            var v = await ToolProcess.RunAsync(nativeC, ["--version"], TimeSpan.FromSeconds(30), wasm.Environment, ct: ct);
            nativeVersion = v.Stdout.Split('\n').FirstOrDefault()?.Trim() ?? nativeC;
        }
        var builder = new CorpusBuilder(corpus, options, wasm, nativeC, nativeCxx, nativeVersion);
        Directory.CreateDirectory(builder._cacheDir);

        var results = new CaseBuildResult[selected.Count];
        // Longest first (large modules), so they do not start last and stretch the build.
        var order = Enumerable.Range(0, selected.Count).OrderByDescending(i => selected[i].Large).ToList();
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = ct },
            async (i, token) =>
            {
                results[i] = await builder.BuildCaseAsync(selected[i], token);
                onCase?.Invoke(results[i]);
            });
        return new BuildReport(options.Opt, options.Compiler.ToString().ToLowerInvariant(), wasm.Version, Path.GetFullPath(options.OutDir), results);
    }

    private static IReadOnlyList<CorpusCase> Select(CorpusSet corpus, IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0) return corpus.Cases;
        var unknown = names.Where(n => corpus.Cases.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0) throw new BadInputException($"no case named {string.Join(", ", unknown)} in the corpus");
        return corpus.Cases.Where(c => names.Contains(c.Name)).ToList();
    }

    private async Task<CaseBuildResult> BuildCaseAsync(CorpusCase c, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var source = c.Generator != null ? await GeneratedSourceAsync(c.Generator, ct)
                : c.Source != null ? _corpus.Resolve(c.Source)
                : throw new BadInputException($"case '{c.Name}' has neither a source nor a generator: nothing to build it from");
            var sourceBytes = await File.ReadAllBytesAsync(source, ct);
            var timeout = c.Large ? LargeCompileTimeout : CompileTimeout;

            var wasmDriver = c.Language == "c++" ? _wasm.CxxCompiler ?? throw new BuildFailure("no C++ compiler for wasm (clang++ / em++)") : _wasm.CCompiler;
            var (wasmCache, wasmHit) = await CompileCachedAsync(wasmDriver, _wasm.Version, BuildCommands.Wasm(_wasm.Compiler, _options.Opt, c.Language),
                source, sourceBytes, ".wasm", timeout, ct);
            var wasmOut = Path.Combine(_options.OutDir, "wasm", _options.Opt, c.Name + ".wasm");
            Place(wasmCache, wasmOut);

            string? nativeOut = null;
            var nativeHit = true;
            if (_options.Native)
            {
                var driver = c.Language == "c++" ? _nativeCxx ?? throw new BuildFailure("no native C++ compiler (clang++ / c++)") : _nativeC!;
                (var nativeCache, nativeHit) = await CompileCachedAsync(driver, _nativeVersion!, [BuildCommands.Native(_options.Opt, c.Language)],
                    source, sourceBytes, ".native", timeout, ct);
                nativeOut = Path.Combine(_options.OutDir, "native", _options.Opt, c.Name);
                Place(nativeCache, nativeOut);
            }
            return new CaseBuildResult(c.Name, Path.GetFullPath(wasmOut), nativeOut is null ? null : Path.GetFullPath(nativeOut),
                wasmHit && nativeHit, watch.Elapsed.TotalSeconds, null);
        }
        catch (BuildFailure e)
        {
            return new CaseBuildResult(c.Name, null, null, false, watch.Elapsed.TotalSeconds, e.Message);
        }
    }

    /// <summary>Returns the cached output for this exact input, compiling it first when missing.</summary>
    private async Task<(string Path, bool Hit)> CompileCachedAsync(string driver, string version, IReadOnlyList<IReadOnlyList<string>> steps,
        string source, byte[] sourceBytes, string extension, TimeSpan timeout, CancellationToken ct)
    {
        var key = Key(version, steps.Count == 1 ? steps[0] : steps.SelectMany(t => t.Append("&&")), Path.GetFileName(driver), sourceBytes, _headers);
        var cached = Path.Combine(_cacheDir, key + extension);
        if (File.Exists(cached)) return (cached, true);
        var tmp = Path.Combine(_cacheDir, $"{key}.{Guid.NewGuid():N}.tmp{extension}");
        try
        {
            var result = await BuildCommands.RunAsync(driver, steps, source, tmp, _include, timeout, _wasm.Environment, ct);
            if (!result.Ok)
                throw new BuildFailure($"{Path.GetFileName(driver)} failed ({(result.ExitCode is { } code ? $"exit {code}" : "timeout")}): {result.Tail()}");
            if (!File.Exists(tmp)) throw new BuildFailure($"{Path.GetFileName(driver)} wrote no output");
            File.Move(tmp, cached, overwrite: true);
            return (cached, false);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Compiles the generator natively (cached) and runs it once per argument list (cached by content key).</summary>
    private Task<string> GeneratedSourceAsync(CaseGenerator g, CancellationToken ct) =>
        _generated.GetOrAdd(string.Join('\0', [g.Source, .. g.Args]), _ => new Lazy<Task<string>>(async () =>
        {
            if (_nativeC is null) throw new BuildFailure("generated cases need a native C compiler");
            var genSource = _corpus.Resolve(g.Source);
            var genBytes = await File.ReadAllBytesAsync(genSource, ct);
            var (exe, _) = await CompileCachedAsync(_nativeC, _nativeVersion!, [BuildCommands.Generator()], genSource, genBytes, ".gen", GeneratorTimeout, ct);
            var key = Key(_nativeVersion!, g.Args, "generated", genBytes, []);
            var output = Path.Combine(_cacheDir, key + ".c");
            if (File.Exists(output)) return output;
            var tmp = Path.Combine(_cacheDir, $"{key}.{Guid.NewGuid():N}.tmp.c");
            try
            {
                var r = await ToolProcess.RunAsync(exe, g.Args, GeneratorTimeout, stdoutFile: tmp, ct: ct);
                if (!r.Ok) throw new BuildFailure($"generator {g.Source} {string.Join(' ', g.Args)} failed: {r.Tail()}");
                File.Move(tmp, output, overwrite: true);
                return output;
            }
            finally
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
        })).Value;

    private static void Place(string cached, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(cached, target, overwrite: true); // keeps the executable bit of native outputs
    }

    private static string Key(string version, IEnumerable<string> template, string driver, byte[] source, byte[] headers)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) { h.AppendData(Encoding.UTF8.GetBytes(s)); h.AppendData([0]); }
        Add(KeyVersion);
        Add(version);
        Add(driver);
        foreach (var a in template) Add(a);
        h.AppendData(source);
        h.AppendData(headers);
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    /// <summary>Names and contents of every shared header: a changed <c>perfdiff.h</c> rebuilds everything.</summary>
    private static byte[] HeaderBytes(string include)
    {
        if (!Directory.Exists(include)) return [];
        using var ms = new MemoryStream();
        foreach (var f in Directory.EnumerateFiles(include, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            ms.Write(Encoding.UTF8.GetBytes(Path.GetRelativePath(include, f) + "\0"));
            ms.Write(File.ReadAllBytes(f));
        }
        return ms.ToArray();
    }

    /// <summary>A case that could not be built; the build goes on with the others.</summary>
    private sealed class BuildFailure(string message) : Exception(message);
}
