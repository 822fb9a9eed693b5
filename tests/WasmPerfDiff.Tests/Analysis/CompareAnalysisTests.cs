using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Tests.Analysis;

/// <summary>The compare's statistics on runs with known ratios: intervals that cover them and verdicts against the threshold.</summary>
public class CompareAnalysisTests
{
    private static RunResult Run(string runtime, double execMs, double loadMs) =>
        new(runtime, RunStatus.Ok, 0, null, execMs + loadMs + 1, execMs, 0, 1024, 1, "aa", 0, "", new Phases(StartupMs: loadMs, ExecuteMs: execMs),
            DateTimeOffset.UtcNow);

    /// <summary>Runs of one case: <paramref name="n"/> per side, noise ±<paramref name="noise"/> (relative, deterministic).</summary>
    private static IEnumerable<CaseRun> Case(string name, double ratio, int n, double noise, int seed, double loadRatio = 1)
    {
        var rng = new Random(seed);
        for (var i = 1; i <= n; i++)
        {
            yield return new CaseRun(name, i, Run("a", 100 * (1 + noise * (2 * rng.NextDouble() - 1)), 10 * (1 + noise * (2 * rng.NextDouble() - 1))));
            yield return new CaseRun(name, i, Run("b", 100 * ratio * (1 + noise * (2 * rng.NextDouble() - 1)), 10 * loadRatio * (1 + noise * (2 * rng.NextDouble() - 1))));
        }
    }

    [Theory]
    [InlineData(1.10, 1.15, CompareVerdict.Slower)]
    [InlineData(0.80, 0.97, CompareVerdict.Faster)]
    [InlineData(0.99, 1.01, CompareVerdict.Same)]
    [InlineData(0.99, 1.05, CompareVerdict.Unsure)]
    [InlineData(0.90, 1.10, CompareVerdict.Unsure)]
    public void The_verdict_follows_where_the_whole_interval_lies_against_the_2_percent_band(double low, double high, CompareVerdict expected) =>
        Assert.Equal(expected, CompareAnalysis.Judge(low, high, 0.02));

    [Fact]
    public void A_doubled_case_is_slower_an_unchanged_one_is_same_and_the_geomean_lies_between()
    {
        var runs = Case("doubled", 2.0, 10, 0.01, 1, loadRatio: 1.5).Concat(Case("steady", 1.0, 10, 0.005, 2)).Concat(Case("faster", 0.8, 10, 0.01, 3)).ToList();
        var s = CompareAnalysis.Analyze(runs, new CompareSettings("a", "b"));
        var doubled = s.Cases.Single(c => c.Case == "doubled");
        Assert.Equal(CompareVerdict.Slower, doubled.Verdict);
        Assert.InRange(2.0, doubled.Execution!.Low, doubled.Execution.High);
        Assert.InRange(doubled.Load!.Ratio, 1.4, 1.6);
        Assert.Equal(CompareVerdict.Same, s.Cases.Single(c => c.Case == "steady").Verdict);
        Assert.Equal(CompareVerdict.Faster, s.Cases.Single(c => c.Case == "faster").Verdict);
        Assert.True(s.AnySlower);
        // geomean of 2, 1 and 0.8 = 1.17
        Assert.InRange(s.GeoMean!.Ratio, 1.15, 1.19);
        Assert.InRange(Math.Cbrt(1.6), s.GeoMean.Low, s.GeoMean.High);
    }

    [Fact]
    public void Identical_distributions_are_never_called_slower_or_faster_at_the_default_threshold()
    {
        var runs = Enumerable.Range(0, 40).SelectMany(i => Case($"case{i}", 1.0, 8, 0.05, 100 + i)).ToList();
        var s = CompareAnalysis.Analyze(runs, new CompareSettings("a", "b"));
        Assert.DoesNotContain(s.Cases, c => c.Verdict is CompareVerdict.Slower or CompareVerdict.Faster);
        Assert.NotEqual(CompareVerdict.Slower, s.GeoMean!.Verdict);
    }

    [Fact]
    public void A_case_with_too_few_runs_or_a_failed_side_is_unsure_with_the_reason()
    {
        var crash = new CaseRun("crashed", 1, new RunResult("b", RunStatus.Crash, null, 11, 5, 1, 1, 1024, 0, "", 0, "", Phases.None, DateTimeOffset.UtcNow, "SIGSEGV"));
        var runs = Case("short", 2.0, 2, 0.01, 1).Concat(Case("crashed", 1, 5, 0.01, 2).Where(r => r.Result.Runtime == "a")).Append(crash).ToList();
        var s = CompareAnalysis.Analyze(runs, new CompareSettings("a", "b"));
        Assert.All(s.Cases, c => Assert.Equal(CompareVerdict.Unsure, c.Verdict));
        Assert.Contains("too few runs", s.Cases.Single(c => c.Case == "short").Note);
        Assert.Contains("crash", s.Cases.Single(c => c.Case == "crashed").Note);
        Assert.Null(s.GeoMean);
    }

    [Fact]
    public void When_every_case_is_unsure_the_pull_request_comment_says_nothing_could_be_decided_and_why()
    {
        // ±30 % noise and 4 runs a side: no interval fits in the 2 % band or beyond it.
        var runs = Enumerable.Range(0, 5).SelectMany(i => Case($"case{i}", 1.0, 4, 0.3, 200 + i)).ToList();
        var s = CompareAnalysis.Analyze(runs, new CompareSettings("a", "b"));
        Assert.All(s.Cases, c => Assert.Equal(CompareVerdict.Unsure, c.Verdict));

        var md = WasmPerfDiff.Exporters.CompareMarkdown.Render(s);
        Assert.DoesNotContain("No case changed", md);
        Assert.Contains("Nothing could be decided: all 5 cases are unsure", md);
        Assert.Contains("straddles the threshold", md);
    }

    [Fact]
    public void A_cpu_time_compare_is_headed_by_cpu_time_not_execution()
    {
        var runs = Case("doubled", 2.0, 10, 0.01, 1).Select(r => new CaseRun(r.Case, r.Round, r.Result with { UserMs = r.Result.Phases.ExecuteMs!.Value })).ToList();
        var s = CompareAnalysis.Analyze(runs, new CompareSettings("a", "b", Metric: CompareMetric.Cpu));
        var md = WasmPerfDiff.Exporters.CompareMarkdown.Render(s);
        Assert.Contains("| CPU time ratio |", md);
        Assert.DoesNotContain("execution", md);
    }
}
