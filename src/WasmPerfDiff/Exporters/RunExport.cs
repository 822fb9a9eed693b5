using WasmPerfDiff.Analysis;
using System.Globalization;
using System.Text;
using WasmPerfDiff.Measurement;
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

/// <summary>Raw rows as CSV (RFC 4180 quoting, invariant culture, one header line, one line per run).</summary>
public static class RunCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "campaign", "case", "runtime", "round", "started", "status", "exit_code", "signal",
        "wall_ms", "user_ms", "sys_ms", "max_rss_kb", "stdout_bytes", "stdout_sha256", "stderr_bytes", "stderr_sha256",
        .. Phases.Names, "message",
    ];

    public static void Write(TextWriter w, IEnumerable<RunRow> rows)
    {
        w.Write(string.Join(',', Header));
        w.Write('\n');
        foreach (var row in rows)
        {
            var e = ExportRow.From(row);
            object?[] f =
            [
                e.Campaign, e.Case, e.Runtime, e.Round, e.Started.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), e.Status,
                e.ExitCode, e.Signal, e.WallMs, e.UserMs, e.SysMs, e.MaxRssKb, e.StdoutBytes, e.StdoutSha256, e.StderrBytes, e.StderrSha256,
                e.StartupMs, e.CompileMs, e.InstantiateMs, e.ExecuteMs, e.TeardownMs, e.AotCompileMs, e.Message,
            ];
            w.Write(string.Join(',', f.Select(Field)));
            w.Write('\n');
        }
    }

    private static string Field(object? v) => v switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        string s when s.IndexOfAny([',', '"', '\n', '\r']) >= 0 => '"' + s.Replace("\"", "\"\"") + '"',
        _ => v.ToString() ?? "",
    };
}

/// <summary>
/// Per-cell summary in Markdown: runs n, median wall time, MAD (median absolute deviation,
/// MAD = median |xᵢ − median x|, unscaled: a spread measure that one outlier run cannot inflate),
/// median execute phase, and the cell's status (first non-ok status, else ok).
/// </summary>
public static class CellSummaryMarkdown
{
    public static void Write(TextWriter w, IEnumerable<CaseRun> runs, bool meansOnly = false)
    {
        var sb = new StringBuilder();
        sb.Append("| case | runtime | n | median wall ms | MAD ms | median execute ms | status |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---|\n");
        foreach (var cell in runs.GroupBy(r => (r.Case, r.Result.Runtime))
                     .OrderBy(g => g.Key.Case, StringComparer.Ordinal).ThenBy(g => g.Key.Runtime, StringComparer.Ordinal))
        {
            var ok = cell.Where(r => r.Result.Status == RunStatus.Ok).Select(r => r.Result).ToList();
            var walls = ok.Select(r => r.WallMs).ToList();
            var exec = ok.Where(r => r.Phases.ExecuteMs.HasValue).Select(r => r.Phases.ExecuteMs!.Value).ToList();
            var status = cell.FirstOrDefault(r => r.Result.Status != RunStatus.Ok)?.Result.Status ?? RunStatus.Ok;
            var median = Median(walls);
            var mad = median is { } m ? Median(walls.Select(x => Math.Abs(x - m)).ToList()) : null;
            sb.Append($"| {cell.Key.Case} | {cell.Key.Runtime} | {cell.Count()} | {Num(median)} | {Num(mad)} | {Num(Median(exec))} | {status.ToWire()} |\n");
        }
        if (meansOnly) sb.Append("\nRuns are published means (WarpDiff), not single runs: n counts means and MAD is not a run-to-run spread.\n");
        w.Write(sb.ToString());
    }

    private static double? Median(IReadOnlyList<double> xs) => xs.Count == 0 ? null : RobustStats.Median(xs.ToArray());

    private static string Num(double? v) => v is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "–";
}
