using System.Text;
using WasmPerfDiff.Corpus;

namespace WasmPerfDiff.Profiling;

/// <summary>
/// Function names of a wasm module, read from its custom "name" section (subsection 1, function
/// names). Function indices count imported functions first, then the module's own functions, which
/// is the numbering JIT symbol maps use (<c>wasm[0]::function[N]</c>, node's <c>name-N-tier</c>).
/// </summary>
public sealed class WasmFunctionNames
{
    private readonly IReadOnlyDictionary<int, string> _names;

    private WasmFunctionNames(IReadOnlyDictionary<int, string> names, int importedFunctions, int definedFunctions)
    {
        _names = names;
        ImportedFunctionCount = importedFunctions;
        DefinedFunctionCount = definedFunctions;
    }

    public static readonly WasmFunctionNames Empty = new(new Dictionary<int, string>(), 0, 0);

    /// <summary>Functions imported from the host (indices 0 .. count-1).</summary>
    public int ImportedFunctionCount { get; }

    /// <summary>Functions with a body in the module (indices after the imports).</summary>
    public int DefinedFunctionCount { get; }

    public int FunctionCount => ImportedFunctionCount + DefinedFunctionCount;

    /// <summary>Names by function index; only the functions the name section names.</summary>
    public IReadOnlyDictionary<int, string> Names => _names;

    public bool IsImported(int index) => index < ImportedFunctionCount;

    /// <summary>The module's name for a function, or the spec's text-format fallback <c>wasm-function[N]</c>.</summary>
    public string NameOf(int index) => _names.TryGetValue(index, out var name) ? name : $"wasm-function[{index}]";

    public static WasmFunctionNames ReadFile(string wasmPath)
    {
        byte[] bytes;
        try { bytes = Host.InputFile.ReadAllBytes(wasmPath, "Wasm", "WebAssembly module", Host.InputFile.ModuleMaxBytes); }
        catch (IOException e) { throw new BadInputException($"cannot read wasm module {wasmPath}: {e.Message}"); }
        try { return Read(bytes); }
        catch (InvalidDataException e) { throw new BadInputException($"{wasmPath}: {e.Message}"); }
    }

    /// <summary>Parses a module binary; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static WasmFunctionNames Read(ReadOnlySpan<byte> module)
    {
        var reader = new WasmBinaryReader(module);
        reader.ExpectHeader();
        var imported = 0;
        var defined = 0;
        var names = new Dictionary<int, string>();
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = (int)reader.U32();
            var section = reader.Slice(size);
            switch (id)
            {
                case SectionImport: imported = section.CountImportedFunctions(); break;
                case SectionFunction: defined = (int)section.U32(); break;
                case SectionCustom:
                    if (section.Name() == "name")
                        ReadFunctionNames(section, names);
                    break;
            }
        }
        return new WasmFunctionNames(names, imported, defined);
    }

    // Section and subsection ids from the WebAssembly core spec (binary format, §5.5) and its
    // name-section appendix (§7.4).
    private const byte SectionCustom = 0;
    private const byte SectionImport = 2;
    private const byte SectionFunction = 3;
    private const byte NameSubsectionFunctions = 1;

    private static void ReadFunctionNames(WasmBinaryReader section, Dictionary<int, string> names)
    {
        // A malformed name section must not make the module unusable: engines ignore it too.
        try
        {
            while (!section.AtEnd)
            {
                var id = section.Byte();
                var sub = section.Slice((int)section.U32());
                if (id != NameSubsectionFunctions)
                    continue;
                var count = sub.U32();
                for (var i = 0; i < count; i++)
                {
                    var index = (int)sub.U32();
                    names[index] = sub.Name();
                }
            }
        }
        catch (InvalidDataException)
        {
        }
    }
}
