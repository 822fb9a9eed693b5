using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary><c>build --python</c>: CPython for WASI (once per machine) and the Python corpus's manifest. Exit 0 when every
/// program has its expected output, 1 when some program failed natively (left out, listed), 2 when a tool is missing.</summary>
public static class BuildPython
{
    public static async Task<int> RunAsync(string outDir, string? maxTime, string? corpus, bool asJson, CancellationToken ct)
    {
        var request = new PythonCorpusRequest(outDir, maxTime is null ? TimeSpan.FromHours(1) : DurationParser.Parse(maxTime), corpus);
        var result = await PythonCorpusWorkflow.BuildAsync(request, asJson ? null : PythonCorpusView.Progress, ct);
        if (asJson) JsonOutput.Print(PythonCorpusDocument.From(result.CorpusDirectory, result.Python, result.Frozen, result.Programs));
        else PythonCorpusView.Print(result);
        return result.Programs.Any(p => p.Error is not null) ? ExitCodes.Found : ExitCodes.Ok;
    }
}
