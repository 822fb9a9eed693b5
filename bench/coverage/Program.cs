// Coverage of the verdict intervals by simulation (issue 12): how often is a cell called `anomaly` when
// nothing was injected? Tables of CASES cases × 6 runtimes (base times log-uniform, runtime speeds 1–30×,
// no case × runtime interaction, so every cell's true factor is exactly 1), n runs per cell, two noise
// models: "lognormal" (5 % per run) and "bursts" (the same plus, in 10 % of runs, a slowdown of
// exp(|N(0, 0.5)|): other jobs on a shared machine). Two rates per cell:
//   at the threshold 1.5 (the default): the false-anomaly rate a user meets;
//   at a threshold just above 1: the rate at which the interval's lower bound lies above the true factor,
//   i.e. the false-anomaly rate of a cell sitting right at the threshold; nominal 2.5 % (one side of 95 %).
// "percentile" is the plain percentile bootstrap of each cell's median; "widened" is the analysis's interval
// (CellBootstrap: widened to the runtime's pooled noise below 10 runs).
//   dotnet run -c Release --project bench/coverage [-- --tables 200 --cases 20]
using WasmPerfDiff.Analysis;

int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1]) : fallback;
var tables = Arg("--tables", 200);
var cases = Arg("--cases", 20);
const int Runtimes = 6;
double[] speeds = [1, 1.3, 2, 8, 15, 30];

Console.WriteLine($"{tables} tables × {cases} cases × {Runtimes} runtimes per row; rates are anomaly verdicts per cell");
Console.WriteLine("| noise | runs/cell | interval | false anomaly @1.5× | lower bound above truth (nominal ≤ 2.5 %) |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var noise in new[] { "lognormal", "bursts" })
foreach (var n in new[] { 2, 3, 5, 10 })
foreach (var widened in new[] { false, true })
{
    long cells = 0, falseAt15 = 0, aboveTruth = 0;
    var rng = new SplitMix64(SplitMix64.Mix(12, n * 7 + (noise == "bursts" ? 1 : 0)));
    for (var t = 0; t < tables; t++)
    {
        var samples = new double[cases * Runtimes][];
        for (var c = 0; c < cases; c++)
        {
            var baseMs = 10 * Math.Pow(500, rng.NextDouble());
            for (var r = 0; r < Runtimes; r++)
            {
                var cell = new double[n];
                for (var k = 0; k < n; k++)
                {
                    var ms = baseMs * speeds[r] * Math.Exp(0.05 * rng.NextGaussian());
                    if (noise == "bursts" && rng.NextDouble() < 0.10) ms *= Math.Exp(Math.Abs(0.5 * rng.NextGaussian()));
                    cell[k] = ms;
                }
                samples[c * Runtimes + r] = cell;
            }
        }
        var table = new CellTable(Enumerable.Range(0, cases).Select(c => $"c{c}").ToArray(),
            speeds.Select((_, r) => $"r{r}").ToArray(), samples, 0, 0);
        var medians = DifferentialAnalysis.CellMedians(table);
        var all = Enumerable.Range(0, cases).ToList();
        CellBootstrap Boot() => widened ? new CellBootstrap(samples, t, Runtimes) : new CellBootstrap(samples, t);
        // The old rule decided with an interval from 2 runs on; the analysis now needs 3 (MinRuns).
        Verdict Judge(Finding f, double threshold) =>
            !widened && f.CiLow is null && n == 2 ? Verdict.Undecided
            : widened && n < CellBootstrap.MinRuns ? Verdict.Undecided
            : f.CiLow is double lo && f.CiHigh is double hi ? (lo >= threshold ? Verdict.Anomaly : hi < threshold ? Verdict.NoAnomaly : Verdict.Undecided)
            : Verdict.Undecided;
        var boot = n < CellBootstrap.MinRuns && !widened ? new OldBootstrap(samples, t).Inner : Boot();
        falseAt15 += TimingModel.Findings(table, medians, all, 1.5, boot).Count(f => Judge(f, 1.5) == Verdict.Anomaly);
        aboveTruth += TimingModel.Findings(table, medians, all, 1.000001, boot).Count(f => Judge(f, 1.000001) == Verdict.Anomaly);
        cells += cases * Runtimes;
    }
    Console.WriteLine($"| {noise} | {n} | {(widened ? "widened (new)" : "percentile (old)")} | {100.0 * falseAt15 / cells:0.00} % | {100.0 * aboveTruth / cells:0.00} % |");
}

/// <summary>At 2 runs the analysis no longer builds intervals; the old percentile bootstrap is reproduced here by
/// duplicating each run (the resampled median of 2 runs has the same support as that of the 4 duplicated ones).</summary>
sealed class OldBootstrap(double[][] samples, long seed)
{
    public CellBootstrap Inner { get; } = new(samples.Select(s => s.Concat(s).ToArray()).ToArray(), seed);
}
