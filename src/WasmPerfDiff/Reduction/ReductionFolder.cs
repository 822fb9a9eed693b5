using System.Text.RegularExpressions;
using System.Text.Json;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Reduction;

/// <summary>A program's size: bytes, and non-blank lines for source (0 for a module).</summary>
public sealed record ProgramSize(long Bytes, int Lines)
{
    /// <summary>
    /// A module's bytes; a C program's bytes and lines as <see cref="SourceFormat"/> lays it out, with that text
    /// (<c>Text</c>, null for a module): the text counted is the text kept, so the caller writes it rather than lay it out again.
    /// </summary>
    public static async Task<(ProgramSize Size, string? Text)> OfAsync(string path, ReductionLevel level, CancellationToken ct)
    {
        if (level != ReductionLevel.C) return (new(new FileInfo(path).Length, 0), null);
        var text = await SourceFormat.FormatAsync(path, ct) ?? await File.ReadAllTextAsync(path, ct);
        return (new(System.Text.Encoding.UTF8.GetByteCount(text), SourceFormat.CountLines(text)), text);
    }

    /// <summary>"31 lines" for source, "1834 bytes" for a module.</summary>
    public string Describe(ReductionLevel level) => level == ReductionLevel.C ? $"{Lines} lines" : $"{Bytes} bytes";

    public long Measure(ReductionLevel level) => level == ReductionLevel.C ? Lines : Bytes;
}

/// <summary>One candidate the reducer asked about (a line of <c>steps.jsonl</c>).</summary>
public sealed record ReductionStep(int Step, DateTimeOffset At, ProgramSize Size, bool Kept, string Reason, double? Factor, double? Low, IReadOnlyList<string> Args);

/// <summary>
/// The best program so far (<c>best.json</c>): its size, factor and the arguments it shows the slowdown with, and what
/// its module printed on every runtime (a later candidate that builds to the same module needs no run to know it).
/// </summary>
public sealed record BestProgram(int Step, DateTimeOffset At, ProgramSize Size, double? Factor, double? Low, double? High, IReadOnlyList<string> Args)
{
    public ModuleOutput? Output { get; init; }
}

/// <summary>
/// The output folder of a reduction. It always holds the best program found so far: each kept candidate is written
/// file by file, each file atomically (<see cref="OutputPaths.Write"/>), <c>best.json</c> last, so a reduction killed at
/// any moment leaves whole files of the last kept program. Every check appends a line to <c>steps.jsonl</c>.
/// </summary>
public sealed partial class ReductionFolder(string directory, ReductionSpec spec)
{
    public const string StepsFile = "steps.jsonl";
    public const string BestFile = "best.json";
    public const string ModuleFile = "reduced.wasm";
    public const string TextFile = "reduced.wat";

    public string Directory => directory;
    public string ProgramPath => Path.Combine(directory, spec.ProgramName);
    public string ModulePath => spec.Level == ReductionLevel.C ? Path.Combine(directory, ModuleFile) : ProgramPath;
    public string TextPath => Path.Combine(directory, TextFile);

    /// <summary>Keeps a candidate as the best so far: its program, its module (source level) and the module's text when
    /// wasm2wat is here; <paramref name="laidOut"/> (the program's text as <see cref="ProgramSize.OfAsync"/> counted it) is written in its place when given.</summary>
    public void Keep(string program, string module, BestProgram best, string? laidOut = null)
    {
        if (laidOut is not null) OutputPaths.WriteText(ProgramPath, "Out", laidOut);
        else Copy(program, ProgramPath);
        if (spec.Level == ReductionLevel.C) Copy(module, ModulePath);
        if (ExecutableSearch.Find("wasm2wat") is { } wasm2wat) WriteText(wasm2wat);
        OutputPaths.WriteText(Path.Combine(directory, BestFile), "Out", JsonSerializer.Serialize(best, WireJson.Document));
    }

    public void Append(ReductionStep step)
    {
        using var f = new FileStream(Path.Combine(directory, StepsFile), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var line = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(step, WireJson.Compact) + "\n");
        f.Write(line);
    }

    public BestProgram? Best() => Read<BestProgram>(Path.Combine(directory, BestFile));

    /// <summary>The steps so far; a line being written at this moment is skipped.</summary>
    public IReadOnlyList<ReductionStep> Steps()
    {
        var path = Path.Combine(directory, StepsFile);
        if (!File.Exists(path)) return [];
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(f);
        var steps = new List<ReductionStep>();
        while (reader.ReadLine() is { } line)
        {
            try { if (JsonSerializer.Deserialize<ReductionStep>(line, WireJson.Compact) is { } s) steps.Add(s); }
            catch (JsonException) { }
        }
        return steps;
    }

    private void WriteText(string wasm2wat)
    {
        var tmp = Path.Combine(directory, $".{Environment.ProcessId}-{Guid.NewGuid():N}.wat");
        var r = Host.Processes.ToolProcess.RunAsync(wasm2wat, [ModulePath, "-o", tmp], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (r.Ok && File.Exists(tmp)) File.Move(tmp, TextPath, overwrite: true);
        else File.Delete(tmp);
    }

    /// <summary>
    /// Copies the headers the program includes by a quoted bare name from <paramref name="includeDirectory"/> into the
    /// folder (never over a file already there), so the folder builds on its own with <c>-I.</c>, as an engine team
    /// receives it: the corpus's programs include <c>perfdiff.h</c>.
    /// </summary>
    public void CopyHeaders(string? includeDirectory)
    {
        if (spec.Level != ReductionLevel.C || includeDirectory is null || !File.Exists(ProgramPath)) return;
        foreach (Match m in QuotedInclude().Matches(File.ReadAllText(ProgramPath)))
        {
            var name = m.Groups[1].Value;
            var from = Path.Combine(includeDirectory, name);
            var to = Path.Combine(directory, name);
            if (File.Exists(from) && !File.Exists(to)) Copy(from, to);
        }
    }

    [GeneratedRegex(@"^\s*#\s*include\s*""([^""/\\]+)""", RegexOptions.Multiline)]
    private static partial Regex QuotedInclude();

    private static void Copy(string from, string to) => OutputPaths.Write(to, "Out", s => { using var src = File.OpenRead(from); src.CopyTo(s); });

    private static T? Read<T>(string path) where T : class
    {
        try { return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), WireJson.Compact) : null; }
        catch (Exception e) when (e is JsonException or IOException) { return null; }
    }
}
