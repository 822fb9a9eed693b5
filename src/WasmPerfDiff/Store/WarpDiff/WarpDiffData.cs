using System.Globalization;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Store.WarpDiff;

/// <summary>One published mean: WarpDiff averaged 10 runs per (case, runtime, metric).</summary>
public sealed record WarpDiffMean(string Opt, string Suite, string Case, string Runtime, string Metric, double MeanMicroseconds);

/// <summary>
/// Reader for WarpDiff's published timing data:
/// <c>profiling_data/&lt;opt&gt;/&lt;suite&gt;/&lt;metric&gt;/&lt;metric&gt;_&lt;runtime&gt;.csv</c>, rows
/// <c>metric,runtime,case.wasm,mean_µs</c>, no header, CRLF.
/// Cases are named <c>&lt;suite&gt;-&lt;case&gt;</c> (e.g. <c>BenchmarkGame-fasta</c>) because the same program
/// name appears in several suites (methcall in Shootout and Shootout-C++).
/// </summary>
public static class WarpDiffData
{
    public static readonly IReadOnlyList<string> Metrics =
        ["total_time", "code_execution_time", "code_loaded_time", "start_time", "aot_compilation_time"];

    /// <summary>Reads every CSV under <paramref name="dir"/>, which may be the folder holding
    /// <c>profiling_data</c>, <c>profiling_data</c> itself, or one optimization level folder.</summary>
    public static IReadOnlyList<WarpDiffMean> Read(string dir, string opt = "O2")
    {
        var root = FindOptFolder(dir, opt)
            ?? throw new BadInputException($"no WarpDiff data for {opt} under '{dir}' (expected profiling_data/{opt}/<suite>/<metric>/<metric>_<runtime>.csv)");
        var means = new List<WarpDiffMean>();
        var seen = new Dictionary<(string, string, string), string>();
        foreach (var suiteDir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        foreach (var metric in Metrics)
        {
            var metricDir = Path.Combine(suiteDir, metric);
            if (!Directory.Exists(metricDir)) continue;
            foreach (var csv in Directory.EnumerateFiles(metricDir, "*.csv").Order(StringComparer.Ordinal))
                foreach (var (mean, where) in ReadCsv(csv, opt, Path.GetFileName(suiteDir), metric))
                {
                    // One mean per (case, runtime, metric): a repeated row would make two conflicting "runs" of a cell.
                    if (!seen.TryAdd((mean.Case, mean.Runtime, mean.Metric), where))
                        throw new BadInputException($"{where}: repeats the {metric} of '{mean.Case}' on '{mean.Runtime}' (first at {seen[(mean.Case, mean.Runtime, mean.Metric)]})");
                    means.Add(mean);
                }
        }
        if (means.Count == 0)
            throw new BadInputException($"'{root}' holds no WarpDiff CSV rows");
        return means;
    }

    private static IEnumerable<(WarpDiffMean Mean, string Where)> ReadCsv(string path, string opt, string suite, string metric)
    {
        var lineNo = 0;
        IEnumerable<string> lines;
        try { lines = Host.InputFile.ReadAllText(path, "Dir", "WarpDiff CSV", Host.InputFile.TableMaxBytes).Split('\n'); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new BadInputException($"cannot read '{path}': {e.Message}"); }
        foreach (var raw in lines)
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != 4 || f[0] != metric
                || !double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var us))
                throw new BadInputException($"{path}:{lineNo}: expected '{metric},<runtime>,<case>.wasm,<microseconds>'");
            if (!double.IsFinite(us) || us < 0)
                throw new BadInputException($"{path}:{lineNo}: the mean must be a finite number of microseconds ≥ 0 (got '{f[3]}')");
            if (!Runtimes.RuntimeNames.IsSafe(f[1]))
                throw new BadInputException($"{path}:{lineNo}: runtime name '{f[1]}' may only use {Runtimes.RuntimeNames.Alphabet}");
            var caseName = f[2].EndsWith(".wasm", StringComparison.Ordinal) ? f[2][..^5] : f[2];
            if (caseName.Length == 0 || caseName.Any(char.IsControl))
                throw new BadInputException($"{path}:{lineNo}: the case name is empty or holds control characters");
            yield return (new WarpDiffMean(opt, suite, $"{suite}-{caseName}", f[1], metric, us), $"{path}:{lineNo}");
        }
    }

    private static string? FindOptFolder(string dir, string opt)
    {
        foreach (var candidate in new[] { Path.Combine(dir, "profiling_data", opt), Path.Combine(dir, opt), dir })
            if (Directory.Exists(candidate) && Directory.EnumerateDirectories(candidate)
                    .Any(s => Directory.Exists(Path.Combine(s, "total_time"))))
                return candidate;
        return null;
    }

    /// <summary>
    /// One pseudo-run per (case, runtime) that has a <c>total_time</c>: wall = total, phases from the
    /// other metrics (start → startup, code_loaded → compile, code_execution → execute, aot → aot_compile).
    /// These are means of 10 runs, not runs: analysis must treat them as means only.
    /// </summary>
    public static IReadOnlyList<CaseRun> ToCaseRuns(IEnumerable<WarpDiffMean> means)
    {
        var byCell = means.GroupBy(m => (m.Case, m.Runtime));
        var runs = new List<CaseRun>();
        foreach (var cell in byCell.OrderBy(g => g.Key.Case, StringComparer.Ordinal).ThenBy(g => g.Key.Runtime, StringComparer.Ordinal))
        {
            var ms = cell.ToDictionary(m => m.Metric, m => (double?)(m.MeanMicroseconds / 1000.0));
            if (ms.GetValueOrDefault("total_time") is not double total) continue;
            var phases = new Phases(
                StartupMs: ms.GetValueOrDefault("start_time"),
                CompileMs: ms.GetValueOrDefault("code_loaded_time"),
                ExecuteMs: ms.GetValueOrDefault("code_execution_time"),
                AotCompileMs: ms.GetValueOrDefault("aot_compilation_time"));
            var result = new RunResult(cell.Key.Runtime, RunStatus.Ok, 0, null, total, 0, 0, 0, 0, "", 0, "", phases,
                DateTimeOffset.UnixEpoch, "mean of 10 runs published by WarpDiff");
            runs.Add(new CaseRun(cell.Key.Case, 0, result));
        }
        return runs;
    }
}
