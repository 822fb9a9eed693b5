using System.Text;
using WasmPerfDiff.Exporters.Documents;

using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Exporters;

/// <summary>hunt.md: what a hunt tried and the confirmed groups, one row per (runtime, pattern, kind).</summary>
public static class HuntMarkdown
{
    public static string Render(HuntDocument d)
    {
        var E = MarkdownText.Escape;
        var sb = new StringBuilder();
        sb.AppendLine("## wasm-perfdiff hunt").AppendLine();
        sb.AppendLine($"- runtimes: {E(string.Join(", ", d.Runtimes))}");
        sb.AppendLine($"- {d.Seconds / 60:0.#} min ({Ended(d.End)}), {d.Rounds.Count} rounds: {d.ProgramsTried} programs generated, {d.ProgramsKept} kept, {d.Candidates} candidate cells, {d.ConfirmedFindings} confirmed in a fresh campaign, **{d.Groups.Count} groups**").AppendLine();
        if (d.Divergences.Count > 0)
        {
            sb.AppendLine($"Correctness divergences (not timing findings): {d.Divergences.Count}").AppendLine();
            sb.AppendLine("| round | program | runtime | what differs |").AppendLine("|--:|---|---|---|");
            foreach (var v in d.Divergences) sb.AppendLine($"| {v.Round} | {E(v.Case)} | {E(v.Runtime)} | {E(v.Detail ?? "")} |");
            sb.AppendLine();
        }
        if (d.Groups.Count == 0) return sb.AppendLine("_no confirmed group_").ToString();
        // The interval is the strongest member's, so it is shown beside that member's own factor: next to the group's
        // median alone it read as a contradiction (seen: 2.25× beside 4.54–5.01).
        sb.AppendLine("| runtime | pattern | kind | factor (median of programs) | strongest program: factor [95 % CI] | programs | folder |");
        sb.AppendLine("|---|---|---|--:|--:|--:|---|");
        foreach (var g in d.Groups)
            sb.AppendLine($"| {E(g.Runtime)} | {E(g.Pattern)} | {E(Wire.Name(g.Kind))} | {ReportFormat.Factor(g.Factor)} | " +
                          $"{Strongest(g)} | {g.Members.Count} | {E(g.Folder)} |");
        return sb.ToString();
    }

    /// <summary>"4.87× [4.54, 5.01]": the member whose interval the row carries, or the interval alone.</summary>
    private static string Strongest(HuntGroupRow g)
    {
        if (g.CiLow is not double lo || g.CiHigh is not double hi) return "";
        var member = g.Members.FirstOrDefault(m => m.CiLow == lo && m.CiHigh == hi);
        return FormattableString.Invariant($"{(member?.Factor is double f ? ReportFormat.Factor(f) + " " : "")}[{lo:0.00}, {hi:0.00}]");
    }

    /// <summary>How the hunt ended, in words: the budget, --max-rounds, or Ctrl-C / SIGTERM.</summary>
    public static string Ended(string end) => end switch
    {
        "max-rounds" => "ended by --max-rounds",
        "cancelled" => "cancelled; the finished rounds are below",
        _ => "ended by its budget",
    };
}
