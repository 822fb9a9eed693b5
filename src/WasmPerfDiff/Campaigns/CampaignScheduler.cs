using System.Diagnostics;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Campaigns;

/// <summary>How a campaign invocation ended.</summary>
public enum CampaignEnd
{
    /// <summary>Every cell stopped (settled, at --max-runs, or failed).</summary>
    Completed,
    /// <summary>--max-time ran out with cells still active; <c>--resume</c> continues.</summary>
    OutOfTime,
    /// <summary>Cancelled (Ctrl-C); the run in flight was dropped, everything before it is stored.</summary>
    Cancelled,
}

public sealed record CampaignOutcome(string CampaignId, CampaignEnd End, int RunsThisSession, int StoredRuns, int Failures, TimeSpan Elapsed)
{
    /// <summary>The first budget check of the session (<see cref="CampaignSettings.FitMinRunsToBudget"/>), null when none was made.</summary>
    public BudgetCheck? Budget { get; init; }
    /// <summary>Cases the latest budget check of the session dropped: their cells stopped short of --min-runs.</summary>
    public IReadOnlyList<string> DroppedCases { get; init; } = [];
}

/// <summary>
/// Runs a campaign = cases × runtimes (docs/ARCHITECTURE.md): warmups, then rounds in which every still-active
/// cell runs once, in an order shuffled by the seed and the round number, so slow drift of the
/// machine (thermal, other load) spreads evenly over all runtimes instead of biasing one.
/// Each finished run is committed to the store at once; on resume every cell continues at its
/// next round, recomputed from what is stored.
/// </summary>
/// <remarks>Warmup runs are not stored (they only prime caches). If a warmup run fails, that
/// failure is stored as the cell's round-1 result and the cell stops, so it shows in the validation matrix.</remarks>
/// <param name="stoppingRule">When a healthy cell has run enough; default: the median-CI rule. The campaign workflows pass the
/// analysis's verdict rule (see docs/ARCHITECTURE.md, "Campaigns").</param>
/// <param name="execute">How one run is executed; the default measures a child process through
/// <see cref="RuntimeRunner"/>. Tests and the scheduler bench pass stand-ins.</param>
public sealed class CampaignScheduler(
    ICampaignJournal store,
    CampaignSettings settings,
    IStoppingRule? stoppingRule = null,
    Func<IRuntime, RunRequest, CancellationToken, Task<RunResult>>? execute = null)
{
    private readonly Func<IRuntime, RunRequest, CancellationToken, Task<RunResult>> _execute =
        execute ?? ((rt, request, ct) => rt.RunAsync(request, ct));
    private readonly IStoppingRule _rule = stoppingRule ?? new MedianCiStoppingRule(settings.TargetRelativeCi);
    private readonly RunTimeoutPolicy _timeouts = new(settings.Timeout);

    private sealed class Cell(CaseRecord @case, IRuntime runtime)
    {
        public CaseRecord Case { get; } = @case;
        public IRuntime Runtime { get; } = runtime;
        public string Name => $"{Case.Name} @ {Runtime.Name}";
        public List<RunResult> Runs { get; } = [];
        public List<double> KnownWallMs { get; } = [];
        public int NextRound { get; set; } = 1;
        /// <summary>Machine seconds of each measured run this session (with its baseline run): what the budget check projects from.</summary>
        public List<double> Seconds { get; } = [];
        public bool Stopped { get; set; }
        public string Reason { get; set; } = "";
        /// <summary>Where the stopping rule's verdict stands: settled cells stop, open ones go first in the next round.</summary>
        public CellVerdict Verdict { get; set; }
        public bool Failed => Runs.Any(r => r.Status != RunStatus.Ok);
        /// <summary>The cell's baseline module once derived and warmed up; null when it has none (or before it is needed).</summary>
        public string? BaselinePath { get; set; }
        /// <summary>True once the baseline was prepared (or found impossible): that is done at most once per cell and session.</summary>
        public bool BaselineTried { get; set; }
    }

    /// <summary>
    /// Runs (or, with <paramref name="resume"/>, continues) the campaign of the store's file.
    /// </summary>
    public async Task<CampaignOutcome> RunAsync(
        IReadOnlyList<CaseRecord> cases,
        IReadOnlyList<IRuntime> runtimes,
        bool resume,
        IProgress<CampaignProgress>? progress = null,
        CancellationToken ct = default)
    {
        settings.Validate();
        if (cases.Count == 0) throw new BadInputException("no cases selected");
        if (runtimes.Count == 0) throw new BadInputException("no runtimes selected");

        var campaign = resume
            ? store.ResumableCampaign() ?? throw new BadInputException($"'{store.Path}' holds no campaign to resume")
            : store.StartCampaign(settings);

        var clock = Stopwatch.StartNew();
        var unavailable = new Dictionary<string, string>();
        foreach (var rt in runtimes)
        {
            var a = rt.Detect();
            if (!a.Available) unavailable[rt.Name] = a.Reason ?? "not available";
            store.RecordRuntime(new RuntimeRecord(rt.Name, rt.Engine, rt.Tier, a.Version, rt.Describe()));
        }
        foreach (var c in cases) store.RecordCase(c);

        var cells = BuildCells(cases, runtimes, store.CellHistories(campaign), unavailable);
        var session = new Session(cells, clock, settings, progress);
        try
        {
            foreach (var cell in cells.Where(c => !c.Stopped && unavailable.ContainsKey(c.Runtime.Name)))
                Record(campaign, cell, Unsupported(cell, unavailable[cell.Runtime.Name]), session);

            foreach (var cell in Order(cells.Where(c => !c.Stopped), round: 0))
                for (var w = 0; w < settings.Warmup && !cell.Stopped; w++)
                {
                    if (OutOfTime(clock)) return session.Outcome(campaign, CampaignEnd.OutOfTime, store);
                    session.Report(cell.Name, "warmup");
                    var r = await RunOnce(cell, ct);
                    session.Executed();
                    if (r.Status == RunStatus.Ok) cell.KnownWallMs.Add(r.WallMs);
                    else Record(campaign, cell, r, session);
                }

            while (true)
            {
                // The check may also take back cases an earlier, more pessimistic check dropped.
                if (settings is { FitMinRunsToBudget: true, MaxTime: { } budget }) FitBudget(cells, clock.Elapsed, budget - clock.Elapsed, session);
                if (cells.All(c => c.Stopped)) break;
                _rule.BeginRound(cells.Select(c => new CellHistory(c.Case, c.Runtime.Name, c.Runs)).ToList());
                // Asked again on the runs the rule has just judged (the fit that includes their latest runs): a cell its last run
                // settled stops now, so the runs it ends with are the runs its stop was decided on (not one round more).
                foreach (var cell in cells.Where(c => !c.Stopped)) Decide(cell);
                if (cells.All(c => c.Stopped)) break;
                var round = cells.Where(c => !c.Stopped).Min(c => c.NextRound);
                foreach (var cell in Order(cells.Where(c => !c.Stopped), round))
                {
                    if (cell.Stopped) continue; // dropped by a budget check within the round
                    if (OutOfTime(clock)) return session.Outcome(campaign, CampaignEnd.OutOfTime, store);
                    session.Report(cell.Name, $"round {cell.NextRound}");
                    var machine = Stopwatch.StartNew();
                    var result = await RunOnce(cell, ct);
                    session.Executed();
                    if (result is { Status: RunStatus.Ok, PhaseMethod: PhaseMethod.Wall } && settings.BaselineSubtraction)
                    {
                        if (!cell.BaselineTried) await PrepareBaseline(cell, session, ct);
                        if (cell.BaselinePath is { } path)
                        {
                            var baseline = await RunOnce(cell, ct, path);
                            session.Executed();
                            store.AppendBaseline(campaign, cell.Case.Name, cell.NextRound, baseline);
                            if (baseline.Status == RunStatus.Ok) result = SubtractBaseline(result, baseline.WallMs);
                        }
                    }
                    cell.Seconds.Add(machine.Elapsed.TotalSeconds);
                    Record(campaign, cell, result, session);
                    // A slow first round (a loaded machine, many slow runtimes) must not use up the budget before the plan is made.
                    if (settings is { FitMinRunsToBudget: true, MaxTime: { } max } && !session.CheckedEarly && clock.Elapsed >= max * EarlyCheck)
                        session.CheckedEarly = FitBudget(cells, clock.Elapsed, max - clock.Elapsed, session);
                }
            }
            session.Report(null, "done");
            return session.Outcome(campaign, CampaignEnd.Completed, store);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return session.Outcome(campaign, CampaignEnd.Cancelled, store);
        }
    }

    private List<Cell> BuildCells(IReadOnlyList<CaseRecord> cases, IReadOnlyList<IRuntime> runtimes,
        IReadOnlyDictionary<(string Case, string Runtime), IReadOnlyList<CaseRun>> stored, IReadOnlyDictionary<string, string> unavailable)
    {
        var cells = new List<Cell>();
        foreach (var c in cases.OrderBy(c => c.Name, StringComparer.Ordinal))
        foreach (var rt in runtimes.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var cell = new Cell(c, rt);
            if (stored.TryGetValue((c.Name, rt.Name), out var history))
            {
                var done = RetriedFailures.Current(history);
                // A cell that stopped as unsupported or on a harness error is tried again once its runtime is available.
                if (RetriedFailures.IsRetryable(done[^1].Result.Status) && !unavailable.ContainsKey(rt.Name)) done.RemoveAt(done.Count - 1);
                cell.Runs.AddRange(done.Select(r => r.Result));
                cell.KnownWallMs.AddRange(done.Where(r => r.Result.Status == RunStatus.Ok).Select(r => r.Result.WallMs));
                cell.NextRound = history.Max(r => r.Round) + 1;
            }
            cells.Add(cell);
        }
        // Stored runs (a resume) are judged the way the next round would judge them.
        _rule.BeginRound(cells.Select(c => new CellHistory(c.Case, c.Runtime.Name, c.Runs)).ToList());
        foreach (var cell in cells) Decide(cell);
        return cells;
    }

    /// <summary>Failed cells stop after their first failure (re-running a crash only repeats it);
    /// healthy ones run --min-runs, then until the stopping rule is satisfied or --max-runs.</summary>
    private void Decide(Cell cell)
    {
        var n = cell.Runs.Count;
        cell.Verdict = CellVerdict.None;
        if (cell.Failed) (cell.Stopped, cell.Reason) = (true, $"failed: {cell.Runs.First(r => r.Status != RunStatus.Ok).Status.ToWire()}");
        else if (n >= settings.MaxRuns) (cell.Stopped, cell.Reason) = (true, "max runs");
        else if (n < settings.MinRuns) (cell.Stopped, cell.Reason) = (false, "min runs");
        else
        {
            var d = _rule.Decide(new CellHistory(cell.Case, cell.Runtime.Name, cell.Runs));
            (cell.Stopped, cell.Reason, cell.Verdict) = (d.Stop, d.Reason, d.Verdict);
        }
    }

    /// <summary>A cell whose verdict is still open, or that lacks the minimum runs the model's fit needs, runs before the
    /// others of its round: when the budget ends a round early, the runs it bought went where they can decide something.</summary>
    private bool First(Cell cell) => cell.Verdict == CellVerdict.Open || cell.Runs.Count < settings.MinRuns;

    private const string Dropped = "dropped: the budget cannot give its case --min-runs";

    /// <summary>Share of --max-time after which the first budget check is made even within a round.</summary>
    private const double EarlyCheck = 0.1;

    /// <summary>
    /// Once a tenth of the budget is spent, and between rounds: drops the cases whose open cells cannot all reach --min-runs in
    /// the time left (see <see cref="BudgetFit"/>), projected from the costs measured so far.
    /// </summary>
    /// <returns>True when a check was made.</returns>
    private bool FitBudget(List<Cell> cells, TimeSpan at, TimeSpan left, Session session)
    {
        // The candidates: open cells short of --min-runs, and those of cases an earlier check dropped (which may fit now).
        var open = cells.Where(c => !c.Stopped || c.Reason == Dropped).ToList();
        var shortOfMin = open.Where(c => c.Runs.Count < settings.MinRuns).ToList();
        // A cell not measured yet costs what its runtime's measured cells cost on average, or all measured cells for a runtime
        // that has not run yet (the next check corrects it).
        var measured = cells.Where(c => c.Seconds.Count > 0).ToList();
        if (shortOfMin.Count == 0 || measured.Count == 0) return false;
        var perRuntime = measured.GroupBy(c => c.Runtime.Name).ToDictionary(g => g.Key, g => g.Average(c => c.Seconds.Average()));
        var overall = measured.Average(c => c.Seconds.Average());
        double Cost(Cell c) => c.Seconds.Count > 0 ? c.Seconds.Average() : perRuntime.GetValueOrDefault(c.Runtime.Name, overall);
        var check = BudgetFit.Check(at, shortOfMin.Select(c => new CellCost(c.Case.Name, settings.MinRuns - c.Runs.Count, Cost(c))).ToList(), left);
        var dropped = check.DroppedCases.ToHashSet(StringComparer.Ordinal);
        foreach (var cell in open.Where(c => dropped.Contains(c.Case.Name)))
            (cell.Stopped, cell.Reason, cell.Verdict) = (true, Dropped, CellVerdict.None);
        foreach (var cell in open.Where(c => c.Reason == Dropped && !dropped.Contains(c.Case.Name)))
            Decide(cell); // taken back: open again until its minimum runs
        session.Checked(check);
        return true;
    }

    /// <summary>
    /// Derives the cell's baseline module and runs it once unstored (its first touch of the page cache and the
    /// runtime's caches must not be counted). A module without a baseline (no <c>_start</c>) or a runtime that fails
    /// on it leaves the cell on wall time.
    /// </summary>
    private async Task PrepareBaseline(Cell cell, Session session, CancellationToken ct)
    {
        cell.BaselineTried = true;
        if (BaselineModule.PathFor(cell.Case.WasmPath) is not { } path) return;
        session.Report(cell.Name, "baseline");
        var warm = await RunOnce(cell, ct, path);
        session.Executed();
        if (warm.Status == RunStatus.Ok) cell.BaselinePath = path;
    }

    /// <summary>
    /// Execution = wall − the wall time of the baseline run made right after it; startup = that baseline (start +
    /// load + eager compile + teardown, one number: a process gives no finer split). The baseline's noise is thus in
    /// every execution sample, and through their spread in the analysis's intervals.
    /// </summary>
    public static RunResult SubtractBaseline(RunResult run, double baselineWallMs) => run with
    {
        Phases = run.Phases with { StartupMs = baselineWallMs, ExecuteMs = run.WallMs - baselineWallMs, TeardownMs = null },
        PhaseMethod = PhaseMethod.Baseline,
    };

    private async Task<RunResult> RunOnce(Cell cell, CancellationToken ct, string? wasmPath = null)
    {
        var request = new RunRequest(wasmPath ?? cell.Case.WasmPath, cell.Case.Args, _timeouts.For(cell.KnownWallMs), cell.Case.StdinPath, cell.Case.PreopenDir);
        RunResult r;
        try
        {
            r = await _execute(cell.Runtime, request, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A runtime adapter that throws is a harness bug, not a property of the runtime: record and move on.
            r = new RunResult(cell.Runtime.Name, RunStatus.HarnessError, null, null, 0, 0, 0, 0, 0, "", 0, "", Phases.None,
                DateTimeOffset.UtcNow, $"{e.GetType().Name}: {e.Message}");
        }
        ct.ThrowIfCancellationRequested();
        if (wasmPath is null && r.Status == RunStatus.Ok && cell.Case.ExpectedStdoutSha256 is { } expected
            && !string.Equals(r.StdoutSha256, expected, StringComparison.OrdinalIgnoreCase))
            r = r with { Status = RunStatus.Mismatch, Message = $"stdout SHA-256 {r.StdoutSha256} differs from the expected {expected}" };
        return r;
    }

    private void Record(string campaignId, Cell cell, RunResult result, Session session)
    {
        store.Append(campaignId, new CaseRun(cell.Case.Name, cell.NextRound, result));
        cell.NextRound++;
        cell.Runs.Add(result);
        if (result.Status == RunStatus.Ok) cell.KnownWallMs.Add(result.WallMs);
        Decide(cell);
        session.Recorded();
    }

    private static RunResult Unsupported(Cell cell, string reason) =>
        new(cell.Runtime.Name, RunStatus.Unsupported, null, null, 0, 0, 0, 0, 0, "", 0, "", Phases.None, DateTimeOffset.UtcNow, reason);

    private bool OutOfTime(Stopwatch clock) => settings.MaxTime is { } max && clock.Elapsed >= max;

    /// <summary>The order of one round: for a compare interleaved per case; otherwise shuffled, the cells that go
    /// <see cref="First"/> ahead of the rest (each group in its own shuffled order).</summary>
    private IEnumerable<Cell> Order(IEnumerable<Cell> cells, int round)
    {
        if (settings.Compare is { } compare) return Interleave(cells, round, compare);
        // Both groups are fixed before the round starts: a run changes its cell's standing, and a cell must run once per round.
        var groups = cells.ToLookup(First);
        return [.. Shuffle(groups[true], round), .. Shuffle(groups[false], round)];
    }

    /// <summary>
    /// A compare's round: the cases in a shuffled order, each case's two cells back to back, the baseline first in odd
    /// rounds and the candidate first in even ones, so that consecutive rounds run A B B A per case and a slow drift of
    /// the machine (or the cost of running second) falls on both sides alike.
    /// </summary>
    private IEnumerable<Cell> Interleave(IEnumerable<Cell> cells, int round, CompareSettings compare)
    {
        var groups = cells.GroupBy(c => c.Case.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var rng = new Random(RoundSeed(settings.Seed, round));
        for (var i = groups.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (groups[i], groups[j]) = (groups[j], groups[i]);
        }
        var baselineFirst = round % 2 == 1;
        return groups.SelectMany(g => g.OrderBy(c => (c.Runtime.Name == compare.Baseline) == baselineFirst ? 0 : 1));
    }

    /// <summary>Fisher–Yates shuffle of the cells (taken in name order) with a generator seeded by
    /// (seed, round): the same campaign seed always yields the same order for the same round.</summary>
    private IEnumerable<Cell> Shuffle(IEnumerable<Cell> cells, int round)
    {
        var list = cells.ToList();
        var rng = new Random(RoundSeed(settings.Seed, round));
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>Mixes seed and round into a 31-bit seed (SplitMix64 finaliser; string.GetHashCode
    /// and HashCode are randomised per process, so they cannot be used for reproducible orders).</summary>
    internal static int RoundSeed(long seed, int round)
    {
        var z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL * (ulong)(round + 1));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>Counters of one invocation, turned into progress snapshots.</summary>
    private sealed class Session(List<Cell> cells, Stopwatch clock, CampaignSettings settings, IProgress<CampaignProgress>? progress)
    {
        private readonly int _storedBefore = cells.Sum(c => c.Runs.Count);
        private int _executed; // runs executed this session, warmups included: the basis of the ETA

        public int RunsThisSession { get; private set; }

        public void Executed() => _executed++;

        public void Recorded() => RunsThisSession++;

        private BudgetCheck? _firstCheck;

        /// <summary>True once the check within the first tenth of the budget was made.</summary>
        public bool CheckedEarly { get; set; }
        private IReadOnlyList<string> _dropped = [];

        public void Checked(BudgetCheck check)
        {
            _firstCheck ??= check;
            _dropped = check.DroppedCases; // the latest check's: it may take back what an earlier one dropped
        }

        public int Failures => cells.Count(c => c.Failed);

        public void Report(string? current, string phase)
        {
            if (progress == null) return;
            var active = cells.Where(c => !c.Stopped).ToList();
            var remaining = active.Sum(c => Math.Max(1, settings.MaxRuns - c.Runs.Count));
            TimeSpan? eta = _executed == 0 ? null : clock.Elapsed / _executed * remaining;
            if (eta != null && settings.MaxTime is { } max && max - clock.Elapsed < eta)
                eta = max > clock.Elapsed ? max - clock.Elapsed : TimeSpan.Zero;
            progress.Report(new CampaignProgress(_storedBefore + RunsThisSession, remaining, active.Count, cells.Count,
                Failures, current, phase, clock.Elapsed, eta)
            {
                SettledCells = cells.Count(c => c.Stopped && c.Verdict == CellVerdict.Settled),
                UndecidedCells = active.Count(c => c.Verdict == CellVerdict.Open),
            });
        }

        public CampaignOutcome Outcome(string id, CampaignEnd end, ICampaignJournal store) =>
            new(id, end, RunsThisSession, (int)store.CountRuns(id), Failures, clock.Elapsed) { Budget = _firstCheck, DroppedCases = _dropped };
    }
}
