using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Tests.Campaigns;

namespace WasmPerfDiff.Tests.Analysis;

public class FailingRuntimeTests
{
    [Fact]
    public void A_runtime_that_always_fails_is_left_out_and_the_other_runtimes_cases_stay_analysable()
    {
        var runs = new List<CaseRun>();
        for (var c = 0; c < 12; c++)
        for (var round = 1; round <= 3; round++)
        {
            runs.Add(new CaseRun($"s-case{c:D2}", round, FakeRuntime.Ok("fast", 200 + c + round)));
            runs.Add(new CaseRun($"s-case{c:D2}", round, FakeRuntime.Ok("slow", 400 + 2 * c + round)));
            runs.Add(new CaseRun($"s-case{c:D2}", round, FakeRuntime.Crash("broken")));
        }
        var result = DifferentialAnalysis.Analyze(runs, new AnalysisOptions { FloorMs = 0 });
        Assert.Equal(12, result.Cases);
        Assert.Equal(["broken"], result.LeftOutRuntimes);
        Assert.DoesNotContain("broken", result.Runtimes);
        Assert.DoesNotContain("broken", result.Consensus!.Runtimes); // no typical time for 0 ok cells
        Assert.Contains(result.Findings, f => f.Kind == FindingKind.Divergence && f.Runtime == "broken"); // its failures still count
    }

    [Fact]
    public void A_runtime_that_cannot_run_a_case_is_not_a_correctness_divergence_but_one_that_crashes_is()
    {
        // SpiderMonkey's WASI shim has no preopened directories, so a case that needs one is unsupported there: there is
        // no output to compare, and calling it a divergence would report the tool's limit as the engine's bug.
        var runs = new List<CaseRun>();
        foreach (var c in new[] { "py-fib", "pyfrozen-fib" })
        for (var round = 1; round <= 3; round++)
        {
            runs.Add(new CaseRun(c, round, FakeRuntime.Ok("a", 200 + round)));
            runs.Add(new CaseRun(c, round, FakeRuntime.Ok("b", 300 + round)));
            runs.Add(new CaseRun(c, round, c == "py-fib"
                ? new RunResult("shim", RunStatus.Unsupported, null, null, 0, 0, 0, 0, 0, "", 0, "", Phases.None, DateTimeOffset.UnixEpoch, "no preopened directories")
                : FakeRuntime.Ok("shim", 250 + round)));
            runs.Add(new CaseRun(c, round, FakeRuntime.Crash("broken")));
        }
        var divergences = DifferentialAnalysis.Analyze(runs, new AnalysisOptions { FloorMs = 0 }).Findings
            .Where(f => f.Kind == FindingKind.Divergence).Select(f => (f.Case, f.Runtime)).ToList();
        Assert.Equal([("py-fib", "broken"), ("pyfrozen-fib", "broken")], divergences);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(1.0)]
    public void Report_and_analyze_refuse_the_same_thresholds(double threshold)
    {
        Assert.Throws<BadInputException>(() => DifferentialAnalysis.Validate(new AnalysisOptions { Threshold = threshold }));
        Assert.Throws<BadInputException>(() => WasmPerfDiff.Reporting.ReportBuilder.AnalysisOptionsFor(new WasmPerfDiff.Reporting.ReportOptions { Threshold = threshold }, false));
    }
}
