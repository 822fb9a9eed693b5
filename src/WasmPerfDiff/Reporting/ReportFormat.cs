using System.Globalization;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Reporting;

/// <summary>Number and label formats shared by the HTML, Markdown and console writers (invariant culture).</summary>
public static class ReportFormat
{
    public static string Factor(double? f) => f is double v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Ci(Finding f) =>
        f.CiLow is double lo && f.CiHigh is double hi
            ? $"{lo.ToString("0.00", CultureInfo.InvariantCulture)}–{hi.ToString("0.00", CultureInfo.InvariantCulture)}"
            : "–";

    public static string Ms(double? ms) => ms switch
    {
        null => "–",
        >= 10_000 => (ms.Value / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        >= 1000 => (ms.Value / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        >= 10 => ms.Value.ToString("0", CultureInfo.InvariantCulture) + " ms",
        _ => ms.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Int(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>What a timing finding compares against, in words.</summary>
    public static string Basis(Finding f) => f.Kind switch
    {
        FindingKind.Consensus => "all runtimes (consensus)",
        FindingKind.Peer or FindingKind.Startup when f.Peer != null => $"peers, e.g. {f.Peer}",
        FindingKind.Startup => "all runtimes (consensus)",
        _ => f.Detail ?? "",
    } + Provenance(f);

    /// <summary>"; phases by baseline; excess fixed (…)": how the cell's phase was measured and what its excess is, when known.</summary>
    public static string Provenance(Finding f) =>
        (f.Method is { } m ? $"; phases by {Wire.Name(m)}" : "")
        + (f.Excess is { } e ? $"; excess {Wire.Name(e)}" + (f.ExcessDetail is { } d ? $" ({d})" : "") : "")
        + (f.HostDetail is { } h ? $"; {h}: not the engine's" : "");

}
