using System.Globalization;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// <c>run --resume</c> continues a campaign with the settings it was started with. Options that would change them
/// (another <c>--runtime</c>, <c>--cases</c>, <c>--max-runs</c>, …) are refused in one line that says what the
/// campaign keeps, rather than ignored silently; the same values again are fine (a cluster job that is resubmitted
/// passes its full command line).
/// </summary>
public static class ResumedSettings
{
    /// <summary>The settings a user may name with <c>run</c>, by property name, shown as the option spells it.</summary>
    private static readonly (string Property, string Option, Func<CampaignSettings, string> Show)[] Kept =
    [
        (nameof(CampaignSettings.Runtimes), "--runtime", s => string.Join(',', s.Runtimes.Order(StringComparer.Ordinal))), // the order of runtimes changes nothing
        (nameof(CampaignSettings.CasesGlob), "--cases", s => s.CasesGlob ?? "(all)"),
        (nameof(CampaignSettings.Size), "--size", s => s.Size),
        (nameof(CampaignSettings.Warmup), "--warmup", s => Num(s.Warmup)),
        (nameof(CampaignSettings.MinRuns), "--min-runs", s => Num(s.MinRuns)),
        (nameof(CampaignSettings.MaxRuns), "--max-runs", s => Num(s.MaxRuns)),
        (nameof(CampaignSettings.Timeout), "--timeout", s => s.Timeout is { } t ? t.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) : "(automatic)"),
        (nameof(CampaignSettings.Seed), "--seed", s => s.Seed.ToString(CultureInfo.InvariantCulture)),
        (nameof(CampaignSettings.Corpus), "--corpus", s => s.Corpus ?? "(default)"),
    ];

    /// <summary>Throws <see cref="BadInputException"/> when an option the user gave (<paramref name="given"/>: property
    /// names) differs from the stored campaign's value.</summary>
    public static void Check(CampaignSettings stored, CampaignSettings asked, IReadOnlySet<string> given, string database)
    {
        var changed = Kept.Where(k => given.Contains(k.Property) && k.Show(stored) != k.Show(asked))
            .Select(k => $"{k.Option} {k.Show(stored)} (not {k.Show(asked)})").ToList();
        if (changed.Count > 0)
            throw new BadInputException($"--resume continues the campaign in '{database}' as it was started and keeps " +
                $"{string.Join(", ", changed)}; to change them start a new campaign with another --db");
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
