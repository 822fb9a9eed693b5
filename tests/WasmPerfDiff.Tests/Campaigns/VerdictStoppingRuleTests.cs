using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Tests.Campaigns;

/// <summary>The analysis verdicts decide when a cell has enough runs.</summary>
public class VerdictStoppingRuleTests
{
    private static readonly string[] Runtimes = ["fast-jit", "slow-jit", "interp", "other-interp"];
    private static readonly double[] RuntimeSpeed = [1, 1.3, 12, 15];

    /// <summary>12 cases × 4 runtimes with ±2 % deterministic jitter; case 5 is 4× slow on slow-jit,
    /// case 7 on interp is wildly noisy (runs 0.6×–2.2× its expected time).</summary>
    private static List<CellHistory> Campaign(int runs)
    {
        var cells = new List<CellHistory>();
        for (var c = 0; c < 12; c++)
        {
            var record = new CaseRecord($"case{c}", "unit", $"/x/case{c}.wasm", $"sha{c}", []);
            for (var r = 0; r < Runtimes.Length; r++)
            {
                var baseMs = 200.0 * (1 + c % 4) * RuntimeSpeed[r] * (c == 5 && r == 1 ? 4 : 1);
                var list = new List<RunResult>();
                for (var i = 0; i < runs; i++)
                {
                    var jitter = c == 7 && r == 2 ? (i % 2 == 0 ? 0.6 : 2.2) : 1 + 0.02 * Math.Sin(c * 7 + r * 3 + i);
                    var ms = baseMs * jitter;
                    list.Add(new RunResult(Runtimes[r], RunStatus.Ok, 0, null, ms + 5, ms, 1, 1000, 1, "h", 0, "", new Phases(ExecuteMs: ms), DateTimeOffset.UnixEpoch));
                }
                cells.Add(new CellHistory(record, Runtimes[r], list));
            }
        }
        return cells;
    }

    private sealed class NeverSettled : IStoppingRule
    {
        public StopDecision Decide(CellHistory cell) => StopDecision.Continue("fallback");
    }

    [Fact]
    public void A_clear_anomaly_stops_as_settled()
    {
        var cells = Campaign(runs: 5);
        var rule = new VerdictStoppingRule(new NeverSettled());
        rule.BeginRound(cells);
        var anomaly = rule.Decide(cells.Single(c => c.Case.Name == "case5" && c.Runtime == "slow-jit"));
        Assert.True(anomaly.Stop, anomaly.Reason);
        Assert.Equal(CellVerdict.Settled, anomaly.Verdict);
        Assert.Contains("anomaly", anomaly.Reason);
    }

    [Fact]
    public void An_ordinary_cell_whose_interval_lies_below_the_threshold_settles_as_no_anomaly()
    {
        // Before issue 27 a cell the analysis does not list (factor under √threshold) deferred to the median-CI rule,
        // which asks every cell for ±3 % and so kept 601 of 636 cells running until the budget ended.
        var cells = Campaign(runs: 3);
        var rule = new VerdictStoppingRule(new NeverSettled());
        rule.BeginRound(cells);
        var ordinary = rule.Decide(cells.Single(c => c.Case.Name == "case2" && c.Runtime == "fast-jit"));
        Assert.True(ordinary.Stop, ordinary.Reason);
        Assert.Equal(CellVerdict.Settled, ordinary.Verdict);
        Assert.Contains("no-anomaly", ordinary.Reason);
    }

    [Fact]
    public void Without_enough_cases_for_a_model_the_fallback_decides()
    {
        var cells = Campaign(runs: 5).Where(c => c.Case.Name is "case1" or "case2").ToList();
        var rule = new VerdictStoppingRule(new NeverSettled());
        rule.BeginRound(cells);
        Assert.Equal("fallback", rule.Decide(cells[0]).Reason);
    }

    [Fact]
    public void The_cells_of_a_case_a_runtime_failed_on_stop_since_no_verdict_is_possible()
    {
        var cells = Campaign(runs: 3);
        var i = cells.FindIndex(c => c.Case.Name == "case3" && c.Runtime == "interp");
        var crash = cells[i].Runs[0] with { Status = RunStatus.Crash };
        cells[i] = cells[i] with { Runs = [crash] };
        var rule = new VerdictStoppingRule(new NeverSettled());
        rule.BeginRound(cells);
        var other = rule.Decide(cells.Single(c => c.Case.Name == "case3" && c.Runtime == "fast-jit"));
        Assert.True(other.Stop, other.Reason);
        Assert.Contains("no verdict possible", other.Reason);
    }

    [Fact]
    public void A_cell_whose_interval_straddles_the_threshold_keeps_running()
    {
        var cells = Campaign(runs: 4);
        var rule = new VerdictStoppingRule(new NeverSettled());
        rule.BeginRound(cells);
        var noisy = rule.Decide(cells.Single(c => c.Case.Name == "case7" && c.Runtime == "interp"));
        Assert.False(noisy.Stop, noisy.Reason);
        Assert.Equal(CellVerdict.Open, noisy.Verdict);
        Assert.StartsWith("undecided", noisy.Reason);
    }
}
