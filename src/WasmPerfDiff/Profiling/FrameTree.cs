namespace WasmPerfDiff.Profiling;

/// <summary>One frame at one call path: samples that passed through it (inclusive) and that ended in it (self).</summary>
public sealed class FrameNode(StackFrame frame, FrameNode? parent)
{
    private readonly Dictionary<StackFrame, FrameNode> _children = [];

    public StackFrame Frame { get; } = frame;
    public FrameNode? Parent { get; } = parent;
    public long Samples { get; internal set; }
    public long SelfSamples { get; internal set; }
    public int Depth => Parent == null ? 0 : Parent.Depth + 1;

    /// <summary>Children in name order, as flame graphs lay them out (time order is lost by sampling anyway).</summary>
    public IEnumerable<FrameNode> Children => _children.Values.OrderBy(c => c.Frame.Name, StringComparer.Ordinal).ThenBy(c => c.Frame.Kind);

    public FrameNode? Child(StackFrame frame) => _children.GetValueOrDefault(frame);

    internal FrameNode GetOrAdd(StackFrame frame)
    {
        if (!_children.TryGetValue(frame, out var child))
            _children[frame] = child = new FrameNode(frame, this);
        return child;
    }

    public IEnumerable<FrameNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in _children.Values)
            foreach (var node in child.DescendantsAndSelf())
                yield return node;
    }
}

/// <summary>The call tree of a folded profile under a synthetic root <c>all</c>; the input of every flame graph.</summary>
public static class FrameTree
{
    public const string RootName = "all";

    public static FrameNode Build(FoldedProfile profile)
    {
        var root = new FrameNode(new StackFrame(RootName, FrameKind.Host), null);
        foreach (var (frames, count) in profile.Stacks)
        {
            var node = root;
            node.Samples += count;
            foreach (var frame in frames)
            {
                node = node.GetOrAdd(frame);
                node.Samples += count;
            }
            node.SelfSamples += count;
        }
        return root;
    }
}
