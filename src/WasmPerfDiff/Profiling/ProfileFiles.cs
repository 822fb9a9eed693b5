namespace WasmPerfDiff.Profiling;

/// <summary>
/// The files of a profile in the output folder: <c>&lt;runtime&gt;.folded</c> and <c>&lt;runtime&gt;.svg</c>
/// per runtime, <c>&lt;A&gt;-vs-&lt;B&gt;.diff.svg</c> for a pair (or a name of the caller's).
/// </summary>
public static class ProfileFiles
{
    public sealed record Written(string FoldedPath, string SvgPath);

    public static Written WriteRuntime(string outDir, string runtime, FoldedProfile profile, string subtitle)
    {
        Host.OutputPaths.PrepareDirectory(outDir, "Out");
        var folded = Path.Combine(outDir, SafeName(runtime) + ".folded");
        var svg = Path.Combine(outDir, SafeName(runtime) + ".svg");
        profile.WriteFile(folded);
        var root = FrameTree.Build(profile);
        FlameGraphSvg.Write(svg, root, $"{runtime}: {FlameGraphSvg.Samples(profile.TotalSamples)}", subtitle,
            node => FlameGraphSvg.PlainPaint(node, root.Samples));
        return new Written(folded, svg);
    }

    /// <summary>Writes the differential graph of A against B, both aligned at the guest entry (see <see cref="FoldedProfile.GuestAligned"/>).</summary>
    public static string WriteDifferential(string outDir, string runtimeA, FoldedProfile a, string runtimeB, FoldedProfile b, string subtitle) =>
        WriteDifferential(outDir, $"{SafeName(runtimeA)}-vs-{SafeName(runtimeB)}.diff.svg", runtimeA, a, runtimeB, b, subtitle);

    /// <summary>The same graph under a file name of the caller's (a reduction's <c>flame-diff.svg</c>).</summary>
    public static string WriteDifferential(string outDir, string fileName, string runtimeA, FoldedProfile a, string runtimeB, FoldedProfile b, string subtitle)
    {
        Host.OutputPaths.PrepareDirectory(outDir, "Out");
        var path = Path.Combine(outDir, fileName);
        DifferentialFlameGraph.Write(path, a.GuestAligned(), b.GuestAligned(), runtimeA, runtimeB, subtitle);
        return path;
    }

    /// <summary>Runtime names become file names: anything but letters, digits, '.', '-' and '_' turns into '_'.</summary>
    public static string SafeName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}
