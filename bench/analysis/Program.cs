// Times the robust analysis on a large synthetic campaign: 10 000 cases × 10 runtimes × 100 runs
// (10 M run rows). Target: ≤ 10 s on 2 cores (issue 5). Usage:
//   dotnet run -c Release --project bench/analysis [-- --cases N --runtimes R --runs K --caseruns]
// --caseruns also times the CaseRun entry point (the store's path), which first builds 10 M run records.
using System.Diagnostics;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Analysis.Evaluation;
using WasmPerfDiff.Measurement;

int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1]) : fallback;
var cases = Arg("--cases", 10_000);
var runtimeCount = Arg("--runtimes", 10);
var runsPerCell = Arg("--runs", 100);
var viaCaseRuns = args.Contains("--caseruns");

// The simulator's model (see CampaignSimulator): log-uniform base times, JITs 1–2×, interpreters 10–30×,
// per-case class factors, 3 % cell misfit, 5 % run noise, a 2× slowdown in 1 % of the cells.
var rng = new SplitMix64(2026);
var runtimes = CampaignSimulator.Runtimes(runtimeCount, ref rng);
var caseNames = Enumerable.Range(0, cases).Select(c => $"Bench-case{c:D6}").ToArray();
var samples = new double[cases * runtimeCount][];
var injected = 0;
for (var c = 0; c < cases; c++)
{
    var baseMs = CampaignSimulator.MinBaseMs * Math.Pow(CampaignSimulator.MaxBaseMs / CampaignSimulator.MinBaseMs, rng.NextDouble());
    var interp = Math.Exp(CampaignSimulator.InterpreterCaseSigma * rng.NextGaussian());
    var jit = Math.Exp(CampaignSimulator.JitCaseSigma * rng.NextGaussian());
    for (var r = 0; r < runtimeCount; r++)
    {
        var rt = runtimes[r];
        var ms = baseMs * rt.Speed * (rt.Interpreter ? interp : jit) * Math.Exp(CampaignSimulator.CellSigma * rng.NextGaussian());
        if (rng.NextDouble() < 0.01) { ms *= 2; injected++; }
        var cell = new double[runsPerCell];
        for (var k = 0; k < runsPerCell; k++) cell[k] = ms * Math.Exp(0.05 * rng.NextGaussian());
        samples[c * runtimeCount + r] = cell;
    }
}
var table = new CellTable(caseNames, runtimes.Select(r => r.Name).ToArray(), samples, 0, 0);
Console.WriteLine($"{cases} cases × {runtimeCount} runtimes × {runsPerCell} runs = {(long)cases * runtimeCount * runsPerCell:N0} rows, {injected} slowed cells, {Environment.ProcessorCount} cores");

var options = new AnalysisOptions();
var watch = Stopwatch.StartNew();
var result = DifferentialAnalysis.AnalyzeTable(table, options);
watch.Stop();
Console.WriteLine($"robust analysis of the run table: {watch.Elapsed.TotalSeconds:0.00} s, {result.Findings.Count(f => f.Verdict == Verdict.Anomaly)} anomalies, {result.Findings.Count} findings");

watch.Restart();
var warp = DifferentialAnalysis.AnalyzeTable(table, options with { Method = AnalysisMethod.Warpdiff });
Console.WriteLine($"warpdiff ranking of the run table: {watch.Elapsed.TotalSeconds:0.00} s ({warp.Ranking.Count} cases)");

if (viaCaseRuns)
{
    var phases = Phases.None;
    var runs = new List<CaseRun>(cases * runtimeCount * runsPerCell);
    for (var c = 0; c < cases; c++)
    for (var r = 0; r < runtimeCount; r++)
    {
        var cell = samples[c * runtimeCount + r];
        for (var k = 0; k < cell.Length; k++)
            runs.Add(new CaseRun(caseNames[c], k, new RunResult(runtimes[r].Name, RunStatus.Ok, 0, null, cell[k], 0, 0, 0, 0, "h", 0, "", phases, DateTimeOffset.UnixEpoch)));
    }
    watch.Restart();
    var full = DifferentialAnalysis.Analyze(runs, options with { Phase = AnalysisPhase.Total });
    Console.WriteLine($"robust analysis from {runs.Count:N0} CaseRun records (table build + divergences + analysis): {watch.Elapsed.TotalSeconds:0.00} s, {full.Findings.Count} findings");
}
