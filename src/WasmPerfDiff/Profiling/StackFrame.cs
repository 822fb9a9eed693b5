namespace WasmPerfDiff.Profiling;

/// <summary>What kind of code a sampled frame belongs to.</summary>
public enum FrameKind
{
    /// <summary>Native or JIT code of the runtime, the tool or the C library.</summary>
    Host,
    /// <summary>A function of the profiled wasm module, compiled by the runtime.</summary>
    Guest,
    Kernel,
}

/// <summary>
/// One frame of a folded stack. In folded files the kind rides on the name as the suffix
/// annotation other flame-graph tools understand: <c>_[j]</c> for JIT-compiled (here: wasm guest)
/// code and <c>_[k]</c> for kernel code; host frames carry no suffix.
/// </summary>
public readonly record struct StackFrame(string Name, FrameKind Kind)
{
    private const string GuestSuffix = "_[j]";
    private const string KernelSuffix = "_[k]";

    public bool IsGuest => Kind == FrameKind.Guest;

    /// <summary>The frame as written in a folded line: ';' is the frame separator, so it may not appear in a name.</summary>
    public string ToFolded()
    {
        var name = Name.Replace(';', ':').Replace('\n', ' ').Replace('\r', ' ');
        return Kind switch
        {
            FrameKind.Guest => name + GuestSuffix,
            FrameKind.Kernel => name + KernelSuffix,
            _ => name,
        };
    }

    public static StackFrame FromFolded(string text)
    {
        if (text.EndsWith(GuestSuffix, StringComparison.Ordinal))
            return new StackFrame(text[..^GuestSuffix.Length], FrameKind.Guest);
        if (text.EndsWith(KernelSuffix, StringComparison.Ordinal))
            return new StackFrame(text[..^KernelSuffix.Length], FrameKind.Kernel);
        return new StackFrame(text, FrameKind.Host);
    }

    public override string ToString() => ToFolded();
}
