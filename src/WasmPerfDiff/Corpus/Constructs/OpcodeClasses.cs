namespace WasmPerfDiff.Corpus.Constructs;

/// <summary>
/// Names of the instruction classes a static opcode profile counts (<see cref="OpcodeProfile"/>), one per
/// construct family or shared by families of one construct (<c>call_indirect</c> mono and poly).
/// </summary>
public static class OpcodeClasses
{
    public const string Call = "call";
    public const string CallIndirect = "call_indirect";
    public const string BrTable = "br_table";
    public const string ReturnCall = "return_call";
    public const string Local = "local.get/set/tee";
    public const string Global = "global.get/set";
    public const string Select = "select";
    public const string I64Arith = "i64 arithmetic";
    /// <summary>Bit counting, i32 and i64 (no construct family measures it yet: a reduction can still name it).</summary>
    public const string BitCount = "popcnt/clz/ctz";
    /// <summary>i32 rotates (hashes and ciphers are made of them; i64 rotates count as <see cref="I64Arith"/>). No family yet either.</summary>
    public const string Rotate = "i32.rotl/rotr";
    public const string Trunc = "trunc (trapping)";
    public const string TruncSat = "trunc_sat";
    public const string MemoryGrow = "memory.grow";
    public const string MemoryCopy = "memory.copy";
    public const string MemoryFill = "memory.fill";
    public const string FdWrite = "call fd_write";
    public const string Recursion = "self-call";
    public const string SimdInt = "v128 integer";
    public const string SimdFloat = "v128 float";

    public static string DivRem(int bits, string op, bool byConst) => $"i{bits}.{op} by {(byConst ? "constant" : "variable")}";
    public static string FloatAdd(string t) => $"{t}.add/sub";
    public static string FloatMul(string t) => $"{t}.mul";
    public static string FloatDiv(string t) => $"{t}.div";
    public static string FloatSqrt(string t) => $"{t}.sqrt";
    public static string Memory(int bits, bool aligned) => $"load/store {bits}-bit{(aligned ? "" : " unaligned")}";
}
