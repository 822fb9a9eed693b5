using WasmPerfDiff.Reporting;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>report</c> asks for: the database, the files to write and how to analyse.</summary>
public sealed record ReportRequest(string Database, string Html, string? Markdown, ReportOptions Options);

/// <summary>The report of a campaign database, built once and written as HTML (and Markdown).</summary>
public static class ReportWorkflow
{
    public static (ReportModel Model, ReportFiles Files) Write(ReportRequest request)
    {
        // Options and output paths first: a bad --threshold or --out is refused before the analysis, not after it.
        ReportBuilder.AnalysisOptionsFor(request.Options, meansOnly: false);
        Host.OutputPaths.PrepareFile(request.Html, "Out");
        if (request.Markdown is not null) Host.OutputPaths.PrepareFile(request.Markdown, "Md");
        var options = request.Options;
        Host.OutputPaths.RefuseSameFile(
            [new(request.Database, "Database", "campaign database"), new(options.ConstructsDatabase, "Constructs", "constructs database")],
            [new(request.Html, "Out", "HTML report"), new(request.Markdown, "Md", "Markdown report")]);
        // The profiles that `profile --db … --findings N` wrote beside its flame graphs weight the explanations by hot functions.
        if (options.ConstructsDatabase is not null && options.FlameGraphDir is { } dir && Directory.Exists(dir))
            options = options with { HotFunctions = HotFunctionShares.Read(dir) };
        var model = ReportAssembly.Build(request.Database, options);
        return (model, ReportAssembly.Write(model, request.Html, request.Markdown, request.Database));
    }
}
