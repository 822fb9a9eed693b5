using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary>
/// <c>reduce --json</c> (one entry per reduction) and each reduction's <c>summary.json</c>: sizes, factor and runs before
/// and after, the factor every kept step had to keep, the steps, how it ended, the dominant construct and the runtimes
/// with their reproduction commands, the target's fingerprint cell of that construct, the differential flame graph or why there is none. The duplicate groups of <c>--top</c> come beside the entries.
/// </summary>
public sealed record ReduceDocument(
    string Name, string Level, string Metric, string Out, string Target, IReadOnlyList<string> Peers, string End, double ElapsedS, int Tried, int Kept,
    ReduceDocument.Size Before, ReduceDocument.Size After, double RequiredFactor, ReduceDocument.Measurement Original, ReduceDocument.Measurement? Reduced,
    string? Construct, ReduceDocument.Cell? FingerprintCell, string ProgramFile, string ModuleFile, string? TextFile, string? BuildCommand, string? FlameGraph, string? FlameGraphNote,
    IReadOnlyList<ReduceDocument.RuntimeEntry> Runtimes, string? Finding)
{
    public sealed record Size(long Bytes, int Lines);
    /// <summary>The target's construct fingerprint cell of the reduced program's dominant construct (<c>--constructs</c>).</summary>
    public sealed record Cell(string Runtime, string Construct, string OpcodeClass, double? Relative, double? CiLow, double? CiHigh, int Runs, string Against);
    public sealed record RuntimeEntry(string Name, string Engine, string Tier, string? Version, string Template, string? Command, string? Note);
    public sealed record Side(string Runtime, int Runs, double? MedianMs, string? Method);
    public sealed record Measurement(bool Interesting, string Verdict, double? Factor, double? CiLow, double? CiHigh, string? Peer, IReadOnlyList<string> Args,
        IReadOnlyList<Side> Sides);

    public static ReduceDocument From(ReductionSummary s) => new(
        s.Name, s.Level.ToWire(), s.Metric.ToWire(), s.OutDirectory, s.Target, s.Peers, s.End.ToWire(), Math.Round(s.Elapsed.TotalSeconds, 1), s.Tried, s.Kept,
        new Size(s.Before.Bytes, s.Before.Lines), new Size(s.After.Bytes, s.After.Lines), Math.Round(s.RequiredFactor, 4),
        Of(s.BeforeCheck), s.AfterCheck is { } a ? Of(a) : null, s.Construct?.ToString(),
        s.FingerprintCell is { } c ? new Cell(c.Runtime, c.Construct, c.OpcodeClass, Round(c.Relative), Round(c.CiLow), Round(c.CiHigh), c.Runs, c.Against) : null,
        s.ProgramFile, s.ModuleFile, s.TextFile, s.BuildCommand, s.FlameGraph, s.FlameGraphNote,
        s.Runtimes.Select(r => new RuntimeEntry(r.Name, r.Engine, r.Tier, r.Version, r.Template, r.Command, r.Note)).ToList(), s.Finding);

    private static Measurement Of(CheckOutcome c) => new(c.Interesting, c.Reason, Round(c.Decision?.Factor), Round(c.Decision?.Low), Round(c.Decision?.High),
        c.Decision?.Peer, c.Args, c.Sides.Select(x => new Side(x.Runtime, x.Runs, Round(x.MedianMs), x.Method?.ToWire())).ToList());

    private static double? Round(double? v) => v is double x ? Math.Round(x, 4) : null;
}

/// <summary><c>reduce --json</c>: every reduction, and the groups of findings that reduced to the same construct on the same runtime.</summary>
public sealed record ReduceResultDocument(IReadOnlyList<ReduceDocument> Reductions, IReadOnlyList<ReduceResultDocument.Group> Groups)
{
    public sealed record Group(string Runtime, string Construct, IReadOnlyList<string> Cases, bool Duplicates);
}
