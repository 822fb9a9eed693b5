namespace WasmPerfDiff.Reporting;

/// <summary>Text from data placed into the HTML report: every one goes through <see cref="Escape"/>.</summary>
public static class HtmlText
{
    public static string Escape(string? s) => System.Net.WebUtility.HtmlEncode(s ?? "");
}
