using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Analysis.Evaluation;

/// <summary>One simulated runtime: how fast it executes relative to the case's base time, and its fixed start cost.</summary>
public sealed record SimulatedRuntime(string Name, bool Interpreter, double Speed, double StartupMs);

/// <summary>An injected slowdown: <see cref="Runtime"/> runs <see cref="Case"/> this many times slower.</summary>
public sealed record InjectedAnomaly(string Case, string Runtime, double Factor);

/// <summary>A simulated campaign: its runs and the anomalies injected into them (the answer key).</summary>
public sealed record SimulatedCampaign(IReadOnlyList<CaseRun> Runs, IReadOnlyList<SimulatedRuntime> Runtimes, IReadOnlyList<InjectedAnomaly> Anomalies);

/// <summary>What to simulate.</summary>
public sealed record SimulationSettings(double Factor, double Noise, int RunsPerCell, int RuntimeCount, int Cases, long Seed);

/// <summary>
/// Generates campaigns that look like real ones, for the method's evaluation (<c>evaluate</c>):
/// <list type="bullet">
/// <item>case base times log-uniform between <see cref="MinBaseMs"/> and <see cref="MaxBaseMs"/>;</item>
/// <item>JIT/AOT runtimes 1–2× the base time with 5–30 ms start; interpreters 10–30× with
///   <see cref="InterpreterStartupMs"/> start (wasm3/iwasm load, parse and validate before running);</item>
/// <item>runtime speed is not one number: per case, interpreters share a lognormal factor
///   (σ = <see cref="InterpreterCaseSigma"/>: some programs suit interpreters) and JITs a smaller one
///   (σ = <see cref="JitCaseSigma"/>); every cell also gets its own lognormal misfit
///   (σ = <see cref="CellSigma"/>) that is not an anomaly;</item>
/// <item>each run: execution × lognormal(σ = noise) + |N(0, <see cref="TimerJitterMs"/>)|, start × lognormal(noise);</item>
/// <item>anomalies: one in every <see cref="CasesPerAnomaly"/> cases, on a random runtime, multiplying its
///   execution time; only cases whose fastest runtime clears the analysis's precision floor (at the threshold the
///   evaluation uses, √factor) get one,
///   since below it timing noise, not the method, decides.</item>
/// </list>
/// </summary>
public static class CampaignSimulator
{
    public const double MinBaseMs = 10, MaxBaseMs = 5000;
    public const double InterpreterStartupMs = 200;
    public const double InterpreterCaseSigma = 0.35;
    public const double JitCaseSigma = 0.08;
    public const double CellSigma = 0.03;
    public const double TimerJitterMs = 0.5;
    public const int CasesPerAnomaly = 10;

    /// <summary>The simulated execution phase is timed in-process (its only clock error is the timer jitter above),
    /// so the analysis's precision floor treats it as marker-timed.</summary>
    public const PhaseMethod SimulatedMethod = PhaseMethod.Markers;

    /// <summary>Runtime line-up for <paramref name="count"/> runtimes (6–10): about a third interpreters.</summary>
    public static IReadOnlyList<SimulatedRuntime> Runtimes(int count, ref SplitMix64 rng)
    {
        var interpreters = Math.Max(2, count / 3);
        var list = new List<SimulatedRuntime>();
        for (var i = 0; i < count; i++)
        {
            var interp = i >= count - interpreters;
            list.Add(interp
                ? new SimulatedRuntime($"interp{i - (count - interpreters) + 1}", true, 10 + 20 * rng.NextDouble(), InterpreterStartupMs)
                : new SimulatedRuntime($"jit{i + 1}", false, 1 + rng.NextDouble(), 5 + 25 * rng.NextDouble()));
        }
        return list;
    }

    public static SimulatedCampaign Generate(SimulationSettings s)
    {
        var rng = new SplitMix64(SplitMix64.Mix(s.Seed, 0));
        var runtimes = Runtimes(s.RuntimeCount, ref rng);
        var runs = new List<CaseRun>(s.Cases * runtimes.Count * s.RunsPerCell);
        var anomalies = new List<InjectedAnomaly>();
        var eligible = new List<int>();
        var baseMs = new double[s.Cases];
        var interpCase = new double[s.Cases];
        var jitCase = new double[s.Cases];
        for (var c = 0; c < s.Cases; c++)
        {
            baseMs[c] = MinBaseMs * Math.Pow(MaxBaseMs / MinBaseMs, rng.NextDouble());
            interpCase[c] = Math.Exp(InterpreterCaseSigma * rng.NextGaussian());
            jitCase[c] = Math.Exp(JitCaseSigma * rng.NextGaussian());
        }
        var execMs = new double[s.Cases, runtimes.Count];
        for (var c = 0; c < s.Cases; c++)
        {
            var fastest = double.PositiveInfinity;
            for (var r = 0; r < runtimes.Count; r++)
            {
                var rt = runtimes[r];
                execMs[c, r] = baseMs[c] * rt.Speed * (rt.Interpreter ? interpCase[c] : jitCase[c]) * Math.Exp(CellSigma * rng.NextGaussian());
                fastest = Math.Min(fastest, execMs[c, r]);
            }
            if (DurationFloor.ClearsClock(fastest, SimulatedMethod, Math.Sqrt(s.Factor))) eligible.Add(c);
        }

        // Partial Fisher–Yates: the first k eligible cases after shuffling get an anomaly.
        var k = Math.Min(eligible.Count, s.Cases / CasesPerAnomaly);
        for (var i = 0; i < k; i++)
        {
            var j = i + rng.NextInt(eligible.Count - i);
            (eligible[i], eligible[j]) = (eligible[j], eligible[i]);
            var r = rng.NextInt(runtimes.Count);
            execMs[eligible[i], r] *= s.Factor;
            anomalies.Add(new InjectedAnomaly(CaseName(eligible[i]), runtimes[r].Name, s.Factor));
        }

        for (var c = 0; c < s.Cases; c++)
        for (var r = 0; r < runtimes.Count; r++)
        for (var round = 0; round < s.RunsPerCell; round++)
        {
            var exec = execMs[c, r] * Math.Exp(s.Noise * rng.NextGaussian()) + Math.Abs(TimerJitterMs * rng.NextGaussian());
            var startup = runtimes[r].StartupMs * Math.Exp(s.Noise * rng.NextGaussian());
            var result = new RunResult(runtimes[r].Name, RunStatus.Ok, 0, null, startup + exec, 0, 0, 0, 0, "same", 0, "",
                new Phases(StartupMs: startup, ExecuteMs: exec), DateTimeOffset.UnixEpoch, PhaseMethod: SimulatedMethod);
            runs.Add(new CaseRun(CaseName(c), round, result));
        }
        return new SimulatedCampaign(runs, runtimes, anomalies);
    }

    private static string CaseName(int c) => $"Sim-case{c:D4}";
}
