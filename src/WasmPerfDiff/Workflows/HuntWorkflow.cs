using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Programs;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Host;
using WasmPerfDiff.Exporters;
using WasmPerfDiff.Reporting;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Workflows;

/// <summary>What <c>hunt</c> asks for: a time budget, the runtimes (none = every available one), and the generation and
/// campaign settings of each round (<see cref="Batch"/> programs generated per round).</summary>
public sealed record HuntRequest(string Out, TimeSpan MaxTime)
{
    public IReadOnlyList<string>? Runtimes { get; init; }
    public string? ConfigPath { get; init; }
    public long Seed { get; init; } = 1;
    public int Batch { get; init; } = 8;
    public IReadOnlyList<string>? Patterns { get; init; }
    public double MinMs { get; init; } = 20;
    public double MaxMs { get; init; } = 200;
    public int MinRuns { get; init; } = 5;
    public int MaxRuns { get; init; } = 10;
    public double Threshold { get; init; } = AnalysisOptions.DefaultThreshold;
    /// <summary>Programs without a candidate rerun beside the candidates: the model needs a few cases to know each runtime's usual speed.</summary>
    public int Controls { get; init; } = 4;
    /// <summary>Stop after this many rounds even if time is left (null: only the budget ends the hunt).</summary>
    public int? MaxRounds { get; init; }
}

/// <summary>
/// <c>hunt</c>: rounds of generate (<see cref="GenProgramsWorkflow"/>) → run (a normal campaign: shuffled rounds,
/// stored) → analyze → rerun the candidates (anomalies, undecided cells at or above the threshold, tier inversions)
/// with a few controls in a fresh confirmation campaign → keep what is an anomaly again, until the budget ends.
/// Confirmed findings are grouped by runtime and injected pattern (<see cref="FindingGroups"/>), so one root cause
/// counts once. Writes programs/, campaigns/ (one database per campaign), reports/ (each confirmation's report),
/// findings/ (each group's programs), hunt.json and hunt.md.
/// </summary>
public static class HuntWorkflow
{
    public const string DocumentFile = "hunt.json", SummaryFile = "hunt.md";

    /// <summary>The share of the time left that a round's campaign may take; the confirmation gets the rest (at least a minute).
    /// A confirmation reruns fewer programs, but each of them to a verdict.</summary>
    public const double CampaignShare = 0.6;

    public static async Task<HuntDocument> RunAsync(HuntRequest request, Action<string> progress, CancellationToken ct)
    {
        var budget = Durations.Check(request.MaxTime, nameof(request.MaxTime));
        if (request.Batch < TimingModel.MinCases) throw new BadInputException($"must be at least {TimingModel.MinCases} (the model needs that many programs)", nameof(request.Batch));
        GenProgramsWorkflow.SelectHotSpots(request.Patterns);
        var outDir = OutputPaths.CheckDirectory(request.Out, nameof(request.Out));
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new BadInputException($"'{request.Out}' is not empty: hunt writes only into a new or empty folder", nameof(request.Out));
        var runtimes = request.Runtimes is { Count: > 0 } named ? named
            : RuntimeCatalog.Load(request.ConfigPath).Available().Select(r => r.Name).ToList();
        if (runtimes.Count < 2) throw new BadInputException("a hunt compares runtimes: at least two must be available", "Runtime");
        OutputPaths.PrepareDirectory(outDir, nameof(request.Out));

        var watch = Stopwatch.StartNew();
        TimeSpan Left() => budget - watch.Elapsed;
        var rounds = new List<HuntRound>();
        var confirmed = new List<Finding>();
        var divergences = new List<HuntDivergence>();
        var programDir = new Dictionary<string, string>(StringComparer.Ordinal);
        int tried = 0, kept = 0, candidates = 0;
        if (request.MaxRounds is < 1) throw new BadInputException($"must be at least 1 (got {request.MaxRounds})", nameof(request.MaxRounds));
        var end = "out-of-time";
        try
        {
            for (var round = 1; Left() > TimeSpan.Zero; round++)
            {
                if (round > (request.MaxRounds ?? int.MaxValue)) { end = "max-rounds"; break; }
                var tag = round.ToString("000", CultureInfo.InvariantCulture);
                var programs = Path.Combine(outDir, "programs", "round-" + tag);
                progress($"round {round}: generating {request.Batch} programs ({Left().TotalMinutes:0.#} min left)");
                var gen = await GenProgramsWorkflow.RunAsync(new GenProgramsRequest(programs, request.Batch, request.Seed, request.MinMs, request.MaxMs,
                    request.Patterns, (round - 1) * request.Batch), line => progress("  " + line), ct);
                tried += gen.Generated;
                kept += gen.Kept;
                foreach (var p in gen.Programs) programDir[p.Name] = programs;
                var db = Path.Combine(outDir, "campaigns", $"round-{tag}.db");
                if (gen.Kept < TimingModel.MinCases || Left() <= TimeSpan.Zero)
                {
                    rounds.Add(new HuntRound(round, gen.Generated, gen.Kept, 0, 0, "", null, null));
                    continue;
                }
                progress($"round {round}: campaign of {gen.Kept} programs × {runtimes.Count} runtimes");
                // The round's campaign gets part of what is left, so that its candidates can still be confirmed.
                var found = await CampaignAndAnalyzeAsync(request, runtimes, programs, db, request.Seed + 2 * round, Left() * CampaignShare, ct);
                divergences.AddRange(found.Where(f => f.Kind == FindingKind.Divergence).Select(f => new HuntDivergence(round, ProgramName(f.Case), f.Runtime, f.Detail)));
                var picked = found.Where(f => IsCandidate(f, request.Threshold)).ToList();
                candidates += picked.Count;
                progress($"round {round}: {picked.Count} candidate cells");
                if (picked.Count == 0 || Left() <= TimeSpan.Zero)
                {
                    rounds.Add(new HuntRound(round, gen.Generated, gen.Kept, picked.Count, 0, db, null, null));
                    continue;
                }

                var confirmDir = Path.Combine(outDir, "confirm", "round-" + tag);
                var picks = picked.Select(f => ProgramName(f.Case)).Distinct().ToList();
                var controls = gen.Programs.Select(p => p.Name).Except(picks).Take(Math.Max(request.Controls, TimingModel.MinCases - picks.Count));
                foreach (var name in picks.Concat(controls)) CopyProgram(programs, name, confirmDir);
                var confirmDb = Path.Combine(outDir, "campaigns", $"confirm-{tag}.db");
                progress($"round {round}: confirmation campaign of {picks.Count} candidate programs and {Directory.GetFiles(confirmDir, "*.wasm").Length - picks.Count} controls");
                // Every confirmation cell gets the most runs (no early stop at the minimum): two independent campaigns
                // of 5 runs each agree on a real 2× effect only when the machine is quiet, and a hunt reruns few programs.
                var again = await CampaignAndAnalyzeAsync(request, runtimes, confirmDir, confirmDb, request.Seed + 2 * round + 1,
                    TimeSpan.FromTicks(Math.Max(Left().Ticks, TimeSpan.FromMinutes(1).Ticks)), ct, minRuns: request.MaxRuns);
                var wanted = picked.Select(Key).ToHashSet();
                var yes = again.Where(f => f.Verdict == Verdict.Anomaly && IsCandidate(f, request.Threshold) && wanted.Contains(Key(f))).ToList();
                confirmed.AddRange(yes);
                string? report = Path.Combine(outDir, "reports", $"confirm-{tag}.html");
                try { ReportWorkflow.Write(new ReportRequest(confirmDb, report, null, new ReportOptions { Threshold = request.Threshold })); }
                catch (BadInputException e) { progress($"round {round}: no report ({e.Message})"); report = null; }
                progress($"round {round}: {yes.Count} of {picked.Count} candidates confirmed");
                rounds.Add(new HuntRound(round, gen.Generated, gen.Kept, picked.Count, yes.Count, db, confirmDb, report));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: the round in flight is given up (its databases keep what they stored); what the
            // finished rounds confirmed is written as after any other end.
            progress($"hunt cancelled in round {rounds.Count + 1}: writing what {rounds.Count} finished round(s) found");
            end = "cancelled";
        }

        var groups = FindingGroups.Group(confirmed, c => ProgramPlan.PatternOf(ProgramName(c)));
        foreach (var g in groups)
            foreach (var m in g.Members.Select(m => ProgramName(m.Case)).Distinct())
                CopyProgram(programDir[m], m, Path.Combine(outDir, "findings", g.Folder));
        var document = new HuntDocument(outDir, runtimes, Math.Round(watch.Elapsed.TotalSeconds, 1), end, tried, kept, candidates, confirmed.Count,
            groups.Select(Row).ToList(), rounds, divergences);
        OutputPaths.WriteText(Path.Combine(outDir, DocumentFile), nameof(request.Out), JsonSerializer.Serialize(document, WireJson.Document) + "\n");
        OutputPaths.WriteText(Path.Combine(outDir, SummaryFile), nameof(request.Out), HuntMarkdown.Render(document));
        return document;
    }

    private static async Task<IReadOnlyList<Finding>> CampaignAndAnalyzeAsync(HuntRequest request, IReadOnlyList<string> runtimes, string corpus,
        string db, long seed, TimeSpan maxTime, CancellationToken ct, int? minRuns = null)
    {
        var settings = new CampaignSettings
        {
            Runtimes = runtimes, Size = CorpusCase.DefaultSize, MinRuns = minRuns ?? request.MinRuns, MaxRuns = request.MaxRuns, MaxTime = maxTime,
        };
        await CampaignWorkflow.RunAsync(new CampaignRequest { Database = db, Settings = settings, Seed = seed, CorpusDirectory = corpus, ConfigPath = request.ConfigPath }, null, ct);
        ct.ThrowIfCancellationRequested(); // a campaign ends quietly when cancelled; the hunt must not analyse half of one as a round
        using var store = CampaignStore.OpenReadOnly(db);
        var runs = store.ReadCaseRuns();
        try { return DifferentialAnalysis.Analyze(runs, new AnalysisOptions { Threshold = request.Threshold }).Findings; }
        catch (BadInputException) { return []; } // e.g. fewer than two runtimes ran anything ok: nothing to compare in this round
    }

    /// <summary>A cell worth a second look: an execution anomaly or tier inversion, or undecided at or above the threshold.</summary>
    private static bool IsCandidate(Finding f, double threshold) =>
        (f.IsTiming || f.Kind == FindingKind.TierInversion)
        && (f.Verdict == Verdict.Anomaly || (f.Verdict == Verdict.Undecided && f.Factor >= threshold));

    private static (string, string, bool) Key(Finding f) => (ProgramName(f.Case), f.Runtime, f.IsTiming);

    /// <summary>The program's file stem: a foreign corpus's case is named &lt;suite&gt;-&lt;stem&gt;.</summary>
    public static string ProgramName(string caseName) =>
        caseName.StartsWith(ForeignCorpus.Suite + "-", StringComparison.Ordinal) ? caseName[(ForeignCorpus.Suite.Length + 1)..] : caseName;

    private static void CopyProgram(string from, string name, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var ext in new[] { ".wasm", ".args", ".expected", ".c" })
            if (File.Exists(Path.Combine(from, name + ext)) && !File.Exists(Path.Combine(to, name + ext)))
                File.Copy(Path.Combine(from, name + ext), Path.Combine(to, name + ext));
    }

    private static HuntGroupRow Row(FindingGroup g)
    {
        var s = g.Strongest;
        return new HuntGroupRow(g.Runtime, g.Pattern, g.Kind, g.Factor, s.CiLow, s.CiHigh, "findings/" + g.Folder,
            g.Members.Select(m => new HuntMember(ProgramName(m.Case), m.Factor, m.CiLow, m.CiHigh, m.Peer, m.Detail)).ToList());
    }
}
