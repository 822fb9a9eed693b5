using WasmPerfDiff.Corpus.Constructs;

namespace WasmPerfDiff.Corpus;

/// <summary>
/// The static opcode profile of a module: how many of its instructions fall in each construct class
/// (<see cref="OpcodeClasses"/>), each instruction weighted by <see cref="LoopWeight"/> to the power of its loop
/// nesting depth (capped at <see cref="MaxDepth"/>): a classic static estimate of execution frequency, so a
/// benchmark's kernel counts for more than the libc code linked around it. <see cref="Share"/> is a class's part of
/// all weighted instructions. Calls to functions that reach WASI <c>fd_write</c> count as <c>call fd_write</c>; local
/// accesses count as register pressure only in functions with many locals. Given the shapes of shared library code
/// (<see cref="SharedShapes"/>), only the module's own functions are profiled.
/// </summary>
/// <remarks>
/// The decoder (<see cref="OpcodeDecoder"/>) reads every instruction of the code section and knows the immediates of
/// the core spec, bulk memory, saturating conversions, reference types, tail calls, SIMD (0xFD), threads (0xFE) and
/// legacy exceptions; a body with an opcode it does not know is counted up to that point and named in
/// <see cref="UndecodedFunctions"/>. Why not a library: NuGet's wasm readers (e.g. the <c>WebAssembly</c> package)
/// stop at the MVP and its first extensions and throw on SIMD or tail calls, and only the opcode and loop depth are
/// needed here, which the project's own section reader gives with a table of immediates.
/// </remarks>
public sealed record OpcodeProfile(double Instructions, IReadOnlyDictionary<string, double> Counts, int Functions, int UndecodedFunctions)
{
    public const double LoopWeight = 8;
    public const int MaxDepth = 3;

    /// <summary>Functions left out as shared library code (see <see cref="FunctionShapes"/>).</summary>
    public int LibraryFunctions { get; init; }

    /// <summary>
    /// True when the mix is weighted by a perf profile's hot functions (see <see cref="ReadHot"/>): each function's own
    /// loop-weighted mix counts by its share of the profile's guest samples, and <see cref="Share"/> is a class's part of
    /// the hot functions' instructions. False: the static loop-weighted profile of the module's own code.
    /// </summary>
    public bool HotWeighted { get; init; }

    /// <summary>With <see cref="HotWeighted"/>: the part of the profile's guest samples that fell in functions with a body here (0 … 1).</summary>
    public double HotShare { get; init; }

    public double Count(string opcodeClass) => Counts.GetValueOrDefault(opcodeClass);

    /// <summary>The class's part of all weighted instructions (0 … 1).</summary>
    public double Share(string opcodeClass) => Instructions > 0 ? Count(opcodeClass) / Instructions : 0;

    public static OpcodeProfile Read(string path, IReadOnlySet<ulong>? libraryShapes = null) => Read(ReadBytes(path), libraryShapes);

    /// <summary>
    /// The shape of every function body: a hash of its opcode bytes without immediates, so the same library function
    /// linked into two modules has the same shape although its call and global indices differ.
    /// </summary>
    public static IReadOnlyList<ulong> FunctionShapes(string path)
    {
        try
        {
            return OpcodeDecoder.Decode(ReadBytes(path)).Bodies.Select(b => b.Shape).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new BadInputException($"cannot read the module's code: {e.Message}");
        }
    }

    /// <summary>
    /// The shapes found in at least half (and at least two) of the given modules: the library code they share, which
    /// <see cref="Read(string, IReadOnlySet{ulong}?)"/> leaves out so that a benchmark's own loops are what its profile shows.
    /// </summary>
    public static IReadOnlySet<ulong> SharedShapes(IReadOnlyList<IReadOnlyList<ulong>> modules)
    {
        var seen = new Dictionary<ulong, int>();
        foreach (var m in modules)
            foreach (var s in m.Distinct()) seen[s] = seen.GetValueOrDefault(s) + 1;
        var needed = Math.Max(2, (modules.Count + 1) / 2);
        return seen.Where(p => p.Value >= needed).Select(p => p.Key).ToHashSet();
    }

    private static byte[] ReadBytes(string path)
    {
        byte[] bytes;
        try
        {
            if (path.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var input = new System.IO.Compression.GZipStream(Host.InputFile.OpenRead(path, "Wasm", "compressed module", Host.InputFile.ModuleMaxBytes), System.IO.Compression.CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else bytes = Host.InputFile.ReadAllBytes(path, "Wasm", "WebAssembly module", Host.InputFile.ModuleMaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new BadInputException($"cannot read module '{path}': {e.Message}");
        }
        return bytes;
    }

    /// <summary>
    /// The profile weighted by the functions a perf profile shows hot: <paramref name="hotShares"/> maps function
    /// index (imports first, the numbering of the name section and of JIT symbol maps) to its share of the profile's
    /// guest samples. The result's mix is Σ share × (the function's own loop-weighted mix) over the shares; when no
    /// share falls on a function with a body (an interpreter's profile names no guest function) it is the static
    /// profile of <see cref="Read(string, IReadOnlySet{ulong}?)"/> (<see cref="HotWeighted"/> false).
    /// </summary>
    public static OpcodeProfile ReadHot(string path, IReadOnlyDictionary<int, double> hotShares, IReadOnlySet<ulong>? libraryShapes = null)
    {
        try
        {
            return OpcodeDecoder.Profile(ReadBytes(path), libraryShapes, hotShares);
        }
        catch (InvalidDataException e)
        {
            throw new BadInputException($"cannot read the module's code: {e.Message}");
        }
    }

    /// <summary>
    /// The profile of the module's own code: functions whose shape is in <paramref name="libraryShapes"/> (shared
    /// library code, e.g. wasi-libc's printf linked into every module of a corpus) are left out.
    /// </summary>
    public static OpcodeProfile Read(ReadOnlySpan<byte> module, IReadOnlySet<ulong>? libraryShapes = null)
    {
        try
        {
            return OpcodeDecoder.Profile(module, libraryShapes);
        }
        catch (InvalidDataException e)
        {
            throw new BadInputException($"cannot read the module's code: {e.Message}");
        }
    }
}
