using WasmPerfDiff.Campaigns.Calibration;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>calibrate --json</c>.</summary>
public sealed record CalibrationDocument(string Runtime, double TargetMs, IReadOnlyList<CalibrationDocument.CaseEntry> Cases)
{
    public sealed record CaseEntry(string Case, string? OldSize, string? NewSize, double? ExecuteMs, int Probes, string Note, bool Changed);

    public static CalibrationDocument From(string runtime, double targetMs, IReadOnlyList<CalibrationResult> cases) => new(runtime, targetMs,
        cases.Select(c => new CaseEntry(c.Case, c.OldSize, c.NewSize, c.ExecuteMs, c.Probes, c.Note, c.Changed)).ToList());
}

/// <summary><c>build --json</c>: the toolchain, every case's outputs or error, and the counts.</summary>
public sealed record BuildDocument(string Opt, string Compiler, string CompilerVersion, string OutDir, IReadOnlyList<BuildDocument.CaseEntry> Cases,
    int Built, int FromCache, int Failed)
{
    public sealed record CaseEntry(string Name, string? Wasm, string? Native, bool Cached, double Seconds, string? Error, bool Ok);

    public static BuildDocument From(BuildReport r) => new(r.Opt, r.Compiler, r.CompilerVersion, r.OutDir,
        r.Cases.Select(c => new CaseEntry(c.Name, c.Wasm, c.Native, c.Cached, c.Seconds, c.Error, c.Ok)).ToList(), r.Built, r.FromCache, r.Failed);
}

/// <summary><c>profile --json</c>: the module, each side's profile and, with a second runtime, what grew from B to A.</summary>
public sealed record ProfileDocument(string Wasm, IReadOnlyList<string> Args, ProfileDocument.SideEntry A, ProfileDocument.SideEntry? B,
    string? DifferentialSvgPath, IReadOnlyList<ProfileDocument.ChangeEntry> GrowthFromBToA)
{
    public sealed record SideEntry(string Runtime, long Samples, int ExitCode, bool TimedOut, double GuestShare, IReadOnlyList<FunctionEntry> TopGuestFunctions,
        IReadOnlyDictionary<string, long> GuestTierSamples, string FoldedPath, string SvgPath, string? Caveat);

    public sealed record FunctionEntry(string Function, long SelfSamples, double SelfShare, double SelfMs);

    public sealed record ChangeEntry(string Function, double ShareA, double ShareB, double Change, double MsA, double MsB);

    public static ProfileDocument From(ProfileResult r) => new(r.Wasm, r.Args, Side(r.A), r.B is { } b ? Side(b) : null, r.DifferentialSvgPath,
        r.GrowthFromBToA.Select(c => new ChangeEntry(c.Function, c.ShareA, c.ShareB, c.Change, c.MsA, c.MsB)).ToList());

    private static SideEntry Side(RuntimeProfile p) => new(p.Runtime, p.Samples, p.ExitCode, p.TimedOut, p.GuestShare,
        p.TopGuestFunctions.Select(f => new FunctionEntry(f.Function, f.SelfSamples, f.SelfShare, f.SelfMs)).ToList(), p.GuestTierSamples, p.FoldedPath, p.SvgPath, p.Caveat);
}

/// <summary><c>profile --db FILE --findings N --json</c>: the index file and each finding's profile.</summary>
public sealed record FindingProfilesDocument(string Index, IReadOnlyList<FindingProfilesDocument.FindingEntry> Findings)
{
    public sealed record FindingEntry(string Case, string Runtime, string Peer, Analysis.FindingKind Kind, double? Factor, Analysis.Verdict? Verdict,
        string Folder, string? Svg, string? PeerSvg, string? DiffSvg, ProfileDocument? Profile, string? Error, string? Skipped);

    public static FindingProfilesDocument From(string index, IReadOnlyList<FindingProfile> profiles) => new(index, profiles.Select(p =>
        new FindingEntry(p.Case, p.Runtime, p.Peer, p.Kind, p.Factor, p.Verdict, p.Folder, p.Svg, p.PeerSvg, p.DiffSvg,
            p.Profile is { } r ? ProfileDocument.From(r) : null, p.Error, p.Skipped)).ToList());
}

/// <summary><c>gen constructs --json</c>: the folder, its manifest and every generated family.</summary>
public sealed record ConstructGenDocument(string Out, string Manifest, IReadOnlyList<ConstructGenDocument.FamilyEntry> Families)
{
    public sealed record FamilyEntry(string Family, string OpcodeClass, string Wasm, long Bytes, long DefaultSize, long TestSize, string? Feature);

    public static ConstructGenDocument From(string outDir, string manifest, IReadOnlyList<Corpus.Constructs.GeneratedConstruct> families) => new(outDir, manifest,
        families.Select(f => new FamilyEntry(f.Family, f.OpcodeClass, f.Wasm, f.Bytes, f.DefaultSize, f.TestSize, f.Feature)).ToList());
}
