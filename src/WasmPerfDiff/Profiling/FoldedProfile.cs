using System.Globalization;

namespace WasmPerfDiff.Profiling;

/// <summary>
/// Sampled call stacks with their sample counts: the "folded" form, one line per distinct stack,
/// frames from the root to the leaf joined by ';', then a space and the count (<c>a;b;c 123</c>).
/// Other flame-graph tools read the same files.
/// </summary>
public sealed class FoldedProfile
{
    private readonly Dictionary<string, (StackFrame[] Frames, long Count)> _stacks = new(StringComparer.Ordinal);

    public long TotalSamples { get; private set; }

    /// <summary>Distinct stacks in a stable order (by their folded text), root first.</summary>
    public IEnumerable<(IReadOnlyList<StackFrame> Frames, long Count)> Stacks =>
        _stacks.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => ((IReadOnlyList<StackFrame>)kv.Value.Frames, kv.Value.Count));

    public void Add(IReadOnlyList<StackFrame> frames, long count = 1)
    {
        if (frames.Count == 0 || count <= 0)
            return;
        var key = Fold(frames);
        _stacks[key] = _stacks.TryGetValue(key, out var existing)
            ? (existing.Frames, existing.Count + count)
            : (frames.ToArray(), count);
        TotalSamples += count;
    }

    public static string Fold(IEnumerable<StackFrame> frames) => string.Join(';', frames.Select(f => f.ToFolded()));

    public void Write(TextWriter writer)
    {
        foreach (var (frames, count) in Stacks)
            writer.Write($"{Fold(frames)} {count.ToString(CultureInfo.InvariantCulture)}\n");
    }

    public void WriteFile(string path)
    {
        Host.OutputPaths.WriteText(path, "Out", w => Write(w));
    }

    /// <summary>Reads folded lines; the count is what follows the last space, so frame names may contain spaces.</summary>
    public static FoldedProfile Read(TextReader reader)
    {
        var profile = new FoldedProfile();
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            line = line.TrimEnd();
            if (line.Length == 0)
                continue;
            var space = line.LastIndexOf(' ');
            if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new InvalidDataException($"line {lineNumber}: expected 'frame;frame;... count'");
            profile.Add(line[..space].Split(';').Select(StackFrame.FromFolded).ToArray(), count);
        }
        return profile;
    }

    public static FoldedProfile ReadFile(string path)
    {
        try
        {
            using var reader = new StreamReader(Host.InputFile.OpenRead(path, "Profiles", "folded profile", long.MaxValue));
            return Read(reader);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new BadInputException($"{path}: {e.Message}");
        }
    }

    /// <summary>
    /// The same samples with every stack that reaches guest code cut to start at its outermost
    /// guest frame, under a root <c>[wasm]</c>; stacks without guest code go under <c>[runtime]</c>.
    /// The host frames below the guest entry differ between runtimes (node's builtins, Wasmtime's
    /// call path), so only this view lets two runtimes' guest stacks line up frame by frame.
    /// </summary>
    public FoldedProfile GuestAligned()
    {
        var aligned = new FoldedProfile();
        foreach (var (frames, count) in _stacks.Values)
        {
            var firstGuest = Array.FindIndex(frames, f => f.IsGuest);
            var root = new StackFrame(firstGuest >= 0 ? GuestRoot : RuntimeRoot, FrameKind.Host);
            aligned.Add([root, .. firstGuest >= 0 ? frames[firstGuest..] : frames], count);
        }
        return aligned;
    }

    public const string GuestRoot = "[wasm]";
    public const string RuntimeRoot = "[runtime]";
}
