using System.IO.Enumeration;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Host;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// Where a campaign's cases come from: the one place that turns corpus cases (the project's
/// manifest or a foreign directory, see <see cref="CorpusSet"/>) into the case records the
/// scheduler runs and the store keeps.
/// </summary>
public static class CampaignCases
{
    /// <summary>The cases a campaign's settings select, from the corpus they name (else the one the locator finds).</summary>
    public static IReadOnlyList<CaseRecord> For(CampaignSettings settings)
    {
        var all = FromCorpus(CorpusSet.Open(settings.Corpus ?? CorpusLocator.Locate(null)), settings.CasesGlob, settings.Size);
        if (settings.Shard?.Cases is not { } mine) return all;
        var chosen = mine.ToHashSet(StringComparer.Ordinal);
        var missing = mine.Where(n => all.All(c => c.Name != n)).ToList();
        if (missing.Count > 0) throw new BadInputException($"shard {settings.Shard} runs case(s) the corpus no longer has: {string.Join(", ", missing)}");
        return all.Where(c => chosen.Contains(c.Name)).ToList();
    }

    /// <summary>
    /// The expected cost of each selected case in milliseconds of one round: the manifest's native CPU time at the
    /// campaign's size times <paramref name="runtimeCount"/> (the runtimes all run it). A case without one (a
    /// foreign corpus) costs the median of those that have one, or 1 ms when none has.
    /// </summary>
    public static IReadOnlyDictionary<string, double> ExpectedCosts(CampaignSettings settings, int runtimeCount)
    {
        var corpus = CorpusSet.Open(settings.Corpus ?? CorpusLocator.Locate(null));
        var cases = corpus.Cases.Where(c => Matches(settings.CasesGlob, c.Name)).ToList();
        var known = cases.Select(c => c.NativeMs is { } n && n.TryGetValue(settings.Size, out var ms) && ms > 0 ? ms : (double?)null).ToList();
        var present = known.Where(k => k is not null).Select(k => k!.Value).Order().ToList();
        var fallback = present.Count > 0 ? present[present.Count / 2] : 1.0;
        return cases.Zip(known).ToDictionary(p => p.First.Name, p => (p.Second ?? fallback) * Math.Max(1, runtimeCount), StringComparer.Ordinal);
    }

    /// <summary>The cases of <paramref name="corpus"/> whose names match <paramref name="globs"/>,
    /// at the named input size, with their modules as plain files and their expected output hashes.</summary>
    public static IReadOnlyList<CaseRecord> FromCorpus(CorpusSet corpus, string? globs, string size)
    {
        var cases = corpus.Cases
            .Where(c => Matches(globs, c.Name))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c =>
            {
                var s = c.Size(size);
                var wasm = WasmMaterializer.WasmPath(corpus, c);
                return new CaseRecord(c.Name, c.Suite, wasm, c.WasmSha256 ?? FileHash.Sha256Hex(wasm), s.Args,
                    corpus.StdinPath(c), s.StdoutSha256, size, corpus.PreopenPath(c));
            })
            .ToList();
        if (cases.Count == 0)
            throw new BadInputException($"no case{(string.IsNullOrEmpty(globs) ? "" : $" matching '{globs}'")} in corpus '{corpus.Directory}'");
        return cases;
    }

    /// <summary>Shell-style globs on the case name (<c>*</c>, <c>?</c>), several separated by commas
    /// (<c>fib,sieve,flops-*</c>); null or empty matches all.</summary>
    public static bool Matches(string? globs, string name) =>
        string.IsNullOrEmpty(globs)
        || globs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(g => FileSystemName.MatchesSimpleExpression(g, name, ignoreCase: false));
}
