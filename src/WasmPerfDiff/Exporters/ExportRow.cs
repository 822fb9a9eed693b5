using WasmPerfDiff.Store;

namespace WasmPerfDiff.Exporters;

/// <summary>One run as a flat export row (CSV columns and JSON properties, snake_case).</summary>
public sealed record ExportRow(
    string Campaign, string Case, string Runtime, int Round, DateTimeOffset Started, string Status,
    int? ExitCode, int? Signal, double WallMs, double UserMs, double SysMs, long MaxRssKb,
    long StdoutBytes, string StdoutSha256, long StderrBytes, string StderrSha256,
    double? StartupMs, double? CompileMs, double? InstantiateMs, double? ExecuteMs, double? TeardownMs, double? AotCompileMs,
    string? Message)
{
    public static ExportRow From(RunRow row)
    {
        var (run, r) = (row.Run, row.Run.Result);
        return new ExportRow(row.CampaignId, run.Case, r.Runtime, run.Round, r.StartedAt, r.Status.ToWire(), r.ExitCode, r.Signal,
            r.WallMs, r.UserMs, r.SysMs, r.MaxRssKb, r.StdoutBytes, r.StdoutSha256, r.StderrBytes, r.StderrSha256,
            r.Phases.StartupMs, r.Phases.CompileMs, r.Phases.InstantiateMs, r.Phases.ExecuteMs, r.Phases.TeardownMs, r.Phases.AotCompileMs,
            r.Message);
    }
}
