using System.Globalization;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Exporters;

/// <summary>Raw rows as CSV (RFC 4180 quoting, invariant culture, one header line, one line per run).</summary>
public sealed class RunCsv : IExporter<CampaignExport>
{
    public string Format => ExportFormat.Csv.ToWire();
    public string Extension => ".csv";

    /// <summary>The header line's columns: <see cref="ExportRow.Columns"/>.</summary>
    public static IReadOnlyList<string> Header => ExportRow.Columns;

    public void Write(TextWriter w, CampaignExport data) => Write(w, data.Rows);

    public static void Write(TextWriter w, IEnumerable<RunRow> rows)
    {
        w.Write(string.Join(',', Header));
        w.Write('\n');
        foreach (var row in rows)
        {
            w.Write(string.Join(',', ExportRow.From(row).Values.Select(Field)));
            w.Write('\n');
        }
    }

    private static string Field(object? v) => v switch
    {
        null => "",
        DateTimeOffset t => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
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
