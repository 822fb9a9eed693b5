using WasmPerfDiff.Measurement;
using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// The performance half of reduce's interestingness: a candidate is in while the target stays out of line against every
/// peer, out as soon as it clearly is not, and noise that straddles the line never makes it interesting.
/// </summary>
public class InterestingnessRuleTests
{
    private static RunResult Run(string runtime, double execMs) =>
        new(runtime, RunStatus.Ok, 0, null, execMs + 5, execMs, 0, 1024, 1, "aa", 0, "", new Phases(StartupMs: 5, ExecuteMs: execMs), DateTimeOffset.UtcNow);

    /// <summary><paramref name="n"/> runs around <paramref name="ms"/> with a relative spread of ±<paramref name="noise"/> (deterministic).</summary>
    private static List<RunResult> Runs(string runtime, double ms, int n, double noise, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Run(runtime, ms * (1 + noise * (2 * rng.NextDouble() - 1)))).ToList();
    }

    private static Dictionary<string, IReadOnlyList<RunResult>> Peers(params (string Name, List<RunResult> Runs)[] peers) =>
        peers.ToDictionary(p => p.Name, p => (IReadOnlyList<RunResult>)p.Runs);

    [Theory]
    [InlineData(1.2, 1.5)]
    [InlineData(3.0, 2.4)]
    [InlineData(5.9, 4.43)]
    public void The_required_factor_keeps_70_percent_of_the_excess_and_never_less_than_1_5(double original, double required) =>
        Assert.Equal(required, InterestingnessRule.Required(original), 2);

    [Fact]
    public void A_candidate_clearly_slower_than_every_peer_is_in_after_the_fewest_runs()
    {
        var rule = new InterestingnessRule(2.4);
        var d = rule.Decide(Runs("target", 300, 3, 0.02, 1), Peers(("a", Runs("a", 100, 3, 0.02, 2)), ("b", Runs("b", 90, 3, 0.02, 3))));
        Assert.Equal(Interest.In, d.Verdict);
        Assert.Equal("a", d.Peer); // the weakest peer (the one the target is least slower than) decides
        Assert.InRange(d.Factor!.Value, 2.8, 3.2);
    }

    [Fact]
    public void A_candidate_that_lost_the_slowdown_against_one_peer_is_out_even_if_another_peer_is_slow()
    {
        var rule = new InterestingnessRule(2.4);
        var d = rule.Decide(Runs("target", 300, 3, 0.02, 1), Peers(("slow-peer", Runs("slow-peer", 100, 3, 0.02, 2)), ("fast", Runs("fast", 290, 3, 0.02, 3))));
        Assert.Equal(Interest.Out, d.Verdict);
        Assert.Equal("fast", d.Peer);
    }

    [Fact]
    public void Too_few_runs_ask_for_more()
    {
        var d = new InterestingnessRule(1.5).Decide(Runs("target", 300, 2, 0.01, 1), Peers(("a", Runs("a", 100, 2, 0.01, 2))));
        Assert.Equal(Interest.MoreRuns, d.Verdict);
        Assert.Null(d.Factor);
    }

    [Fact]
    public void Noise_that_straddles_the_required_factor_asks_for_more_runs_then_is_out_at_the_last_look()
    {
        // The true factor is the required one, with ±40 % noise per run: no number of runs the rule allows can settle it.
        var rule = new InterestingnessRule(2.0, MaxRuns: 8);
        var early = rule.Decide(Runs("target", 200, 4, 0.4, 1), Peers(("a", Runs("a", 100, 4, 0.4, 2))));
        Assert.Equal(Interest.MoreRuns, early.Verdict);
        Assert.True(early.Low < 2.0 && early.High >= 2.0, $"interval [{early.Low}, {early.High}] should straddle ×2");
        var last = rule.Decide(Runs("target", 200, 8, 0.4, 1), Peers(("a", Runs("a", 100, 8, 0.4, 2))));
        Assert.Equal(Interest.Out, last.Verdict);
        Assert.Contains("not clearly", last.Reason);
    }

    [Fact]
    public void The_same_slowdown_in_tight_runs_is_in_where_noisy_runs_are_not()
    {
        var rule = new InterestingnessRule(1.5, MaxRuns: 6);
        Assert.Equal(Interest.In, rule.Decide(Runs("t", 180, 6, 0.02, 1), Peers(("a", Runs("a", 100, 6, 0.02, 2)))).Verdict);
        Assert.Equal(Interest.Out, rule.Decide(Runs("t", 180, 6, 0.6, 1), Peers(("a", Runs("a", 100, 6, 0.6, 2)))).Verdict);
    }
}
