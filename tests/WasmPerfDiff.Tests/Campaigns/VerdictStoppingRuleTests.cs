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
    public void A_clear_anomaly_stops_as_settled_and_an_ordinary_cell_defers_to_the_fallback()
    {
        var cells = Campaign(runs: 5);
        var rule = new VerdictStoppingRule(new NeverSettled());
        rule.BeginRound(cells);
        var anomaly = rule.Decide(cells.Single(c => c.Case.Name == "case5" && c.Runtime == "slow-jit"));
        Assert.True(anomaly.Stop, anomaly.Reason);
        Assert.Contains("anomaly", anomaly.Reason);
        var ordinary = rule.Decide(cells.Single(c => c.Case.Name == "case2" && c.Runtime == "fast-jit"));
        Assert.False(ordinary.Stop);
        Assert.Equal("fallback", ordinary.Reason);
    }

    [Fact]
    public void A_cell_whose_interval_straddles_the_threshold_keeps_running()
    {
        var cells = Campaign(runs: 4);
        var rule = new VerdictStoppingRule(new NeverSettled());
        rule.BeginRound(cells);
        var noisy = rule.Decide(cells.Single(c => c.Case.Name == "case7" && c.Runtime == "interp"));
        Assert.False(noisy.Stop, noisy.Reason);
        Assert.StartsWith("undecided", noisy.Reason);
    }
}
