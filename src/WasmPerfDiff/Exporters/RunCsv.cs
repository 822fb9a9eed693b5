using System.Globalization;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Exporters;

/// <summary>Raw rows as CSV (RFC 4180 quoting, invariant culture, one header line, one line per run).</summary>
public sealed class RunCsv : IExporter<CampaignExport>
{
    public string Format => ExportFormat.Csv.ToWire();
    public string Extension => ".csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "campaign", "case", "runtime", "round", "started", "status", "exit_code", "signal",
        "wall_ms", "user_ms", "sys_ms", "max_rss_kb", "stdout_bytes", "stdout_sha256", "stderr_bytes", "stderr_sha256",
        .. Phases.Names, "message",
    ];

    public void Write(TextWriter w, CampaignExport data) => Write(w, data.Rows);

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
                .. row.Run.Result.Phases.Named().Select(p => (object?)p.Ms), e.Message,
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
        string s => Quote(Neutralise(s)),
        _ => Quote(Neutralise(v.ToString() ?? "")),
    };

    /// <summary>
    /// Spreadsheet formula injection: a text cell starting with = + - @, a tab or a carriage return would be run as a
    /// formula by Excel, LibreOffice or Google Sheets; OWASP's advice is to prefix such cells with a single quote, which
    /// the spreadsheet shows as text. Numbers are written as numbers (a negative number is not text), so only text gets this.
    /// </summary>
    public static string Neutralise(string s) => s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? '"' + s.Replace("\"", "\"\"") + '"' : s;
}
