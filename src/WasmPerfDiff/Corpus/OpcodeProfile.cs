using WasmPerfDiff.Corpus.Constructs;

namespace WasmPerfDiff.Corpus;

/// <summary>
/// The static opcode profile of a module: how many of its instructions fall in each construct class
/// (<see cref="OpcodeClasses"/>), each instruction weighted by <see cref="LoopWeight"/> to the power of its loop
/// nesting depth (capped at <see cref="MaxDepth"/>): a classic static estimate of execution frequency, so a
/// benchmark's kernel counts for more than the libc code linked around it. <see cref="Share"/> is a class's part of
/// all weighted instructions.
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

    public double Count(string opcodeClass) => Counts.GetValueOrDefault(opcodeClass);

    /// <summary>The class's part of all weighted instructions (0 … 1).</summary>
    public double Share(string opcodeClass) => Instructions > 0 ? Count(opcodeClass) / Instructions : 0;

    public static OpcodeProfile Read(string path)
    {
        byte[] bytes;
        try
        {
            if (path.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var input = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new BadInputException($"cannot read module '{path}': {e.Message}");
        }
        return Read(bytes);
    }

    public static OpcodeProfile Read(ReadOnlySpan<byte> module)
    {
        try
        {
            return OpcodeDecoder.Profile(module);
        }
        catch (InvalidDataException e)
        {
            throw new BadInputException($"cannot read the module's code: {e.Message}");
        }
    }
}
