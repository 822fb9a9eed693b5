using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary>One run as <c>exec --json</c> prints it: times rounded to µs, only the phases the runtime reported.</summary>
public sealed record RunDocument(
    string Runtime, string Status, int? ExitCode, int? Signal, double WallMs, double UserMs, double SysMs, long? MaxRssKb,
    long StdoutBytes, string StdoutSha256, long StderrBytes, IReadOnlyDictionary<string, double> Phases, string? Message)
{
    public static RunDocument From(RunResult r) => new(
        r.Runtime, r.Status.ToWire(), r.ExitCode, r.Signal, Us(r.WallMs), Us(r.UserMs), Us(r.SysMs), r.MaxRssKb > 0 ? r.MaxRssKb : null, // 0 = unknown (see RunResult)
        r.StdoutBytes, r.StdoutSha256, r.StderrBytes,
        r.Phases.Named().Where(p => p.Ms is not null).ToDictionary(p => p.Name, p => Us(p.Ms!.Value)),
        r.Message);

    private static double Us(double ms) => Math.Round(ms, 3);
}

/// <summary><c>exec --json</c>.</summary>
public sealed record ExecDocument(IReadOnlyList<RunDocument> Runs);
