using WasmPerfDiff.Analysis;
using WasmPerfDiff.Exporters;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Reporting;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// Composes a report: reads the campaign database, runs the analyses the report shows (the robust analysis as
/// <c>analyze</c> runs it with its defaults, a compare's verdicts, the construct fingerprint and its explanations, the
/// flame graphs found for the findings), has <see cref="ReportBuilder"/> lay them out, and writes the files.
/// </summary>
public static class ReportAssembly
{
    public static ReportModel Build(string database, ReportOptions options)
    {
        using var store = CampaignStore.OpenReadOnly(database);
        return Build(store, options);
    }

    public static ReportModel Build(CampaignStore store, ReportOptions options)
    {
        var campaign = store.LocalCampaign() ?? store.Campaigns().FirstOrDefault()
                       ?? throw new BadInputException($"'{store.Path}' holds no campaign: run one into it first");
        var settings = ReportBuilder.SettingsOf(campaign);
        var fingerprint = options.ConstructsDatabase is { } constructs ? ConstructFingerprintFile.Read(constructs, options.Seed) : null;
        var data = new ReportData(campaign, store.Campaigns(), store.ReadRows(), store.Cases(), store.Runtimes());
        var (analysis, note) = Analyze(data, ReportBuilder.AnalysisOptionsFor(options, store.HoldsMeansOnly));
        if (analysis is not null && fingerprint is not null) analysis = ConstructExplanations.Attach(analysis, fingerprint, data.Cases, options.HotFunctions);
        var compare = settings?.Compare is { } c ? CompareAnalysis.Analyze(data.Runs, c, settings.Seed) : null;
        return ReportBuilder.Build(data, new ReportAnalyses(analysis, note, compare, fingerprint, FlameGraphs(analysis?.Findings ?? [], options)));
    }

    /// <summary>The HTML file and, when asked, the Markdown one; paths come back full.</summary>
    public static ReportFiles Write(ReportModel model, string html, string? markdown, string database)
    {
        var htmlPath = Host.OutputPaths.PrepareFile(Path.GetFullPath(html), "Html");
        Host.OutputPaths.WriteText(htmlPath, "Html", w => new HtmlReport(Path.GetDirectoryName(htmlPath)).Write(w, model));
        string? mdPath = null;
        if (markdown != null)
        {
            mdPath = Path.GetFullPath(markdown);
            Host.OutputPaths.WriteText(mdPath, "Md", w => new MarkdownReport().Write(w, model));
        }
        return new ReportFiles(htmlPath, mdPath, Path.GetFullPath(database));
    }

    /// <summary>
    /// The same analysis as <c>analyze</c> with its defaults (every runtime): runtimes without a timed run are left out of the
    /// timing model by the analysis itself (and get no typical speed), but still count in divergences. When there is
    /// nothing to rank, the note says why instead.
    /// </summary>
    private static (AnalysisResult? Analysis, string? Note) Analyze(ReportData data, AnalysisOptions options)
    {
        var timed = data.RuntimeNames.Where(rt => data.Runs.Any(r => r.Result.Runtime == rt && r.Result.Status == RunStatus.Ok)).ToList();
        if (timed.Count < 2) return (null, "fewer than two runtimes have successful runs: there is nothing to compare");
        try
        {
            var analysis = HostLayerRule.Mark(DifferentialAnalysis.Analyze(data.Runs, options), data.Runs, data.RuntimeRecords);
            var ranked = analysis.Cases - analysis.BelowFloorCases;
            return (analysis, ranked >= TimingModel.MinCases ? null
                : $"only {ranked} of {analysis.Cases} complete cases reach the {analysis.FloorText} " +
                  $"(at least {TimingModel.MinCases} are needed to rank execution anomalies): use larger sizes or more runs, or set --floor-ms");
        }
        catch (BadInputException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The flame graphs given per finding, plus those found in <see cref="ReportOptions.FlameGraphDir"/> by name.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> FlameGraphs(IReadOnlyList<Finding> findings, ReportOptions options)
    {
        var map = options.FlameGraphs.ToDictionary(p => p.Key, p => p.Value.ToList());
        if (options.FlameGraphDir is { } dir)
            foreach (var (id, files) in FlameGraphIndex.Find(findings.Select(FindingAnchors.Id), dir))
            {
                if (!map.TryGetValue(id, out var list)) map[id] = list = [];
                list.AddRange(files.Where(f => !list.Contains(f)));
            }
        return map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value);
    }
}
