using System.Globalization;
using System.Text;
using WasmPerfDiff.Analysis;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Reporting.Charts;
using static WasmPerfDiff.Reporting.HtmlReportWriter;

namespace WasmPerfDiff.Reporting;

/// <summary>The body of each section of the HTML report, in page order.</summary>
internal sealed class HtmlSections(ReportModel m, string? reportDir)
{
    /// <summary>Findings that get a card with their runs chart; the rest are rows of the table only (the page stays light).</summary>
    public const int DetailedFindings = 20;

    private readonly IReadOnlyList<string> _colourOrder = m.Runtimes.Select(r => r.Name).ToList();

    private static void Open(StringBuilder sb, string id, string title, string lead)
    {
        sb.Append("<section id=\"").Append(id).Append("\"><h2>").Append(HtmlText.Escape(title)).Append("</h2>");
        if (lead.Length > 0) sb.Append("<p class=\"lead\">").Append(HtmlText.Escape(lead)).Append("</p>");
        sb.Append('\n');
    }

    private static void Close(StringBuilder sb) => sb.Append("</section>\n");

    /// <summary>A compare campaign's verdicts: the summary, the forest plot and the table of every case.</summary>
    public void Compare(StringBuilder sb)
    {
        if (m.Compare is not { } c) return;
        Open(sb, CompareSection.Id, CompareSection.Title, string.Create(CultureInfo.InvariantCulture,
            $"{c.Candidate} against {c.Baseline}, run interleaved A/B/B/A per case. Ratio = candidate / baseline of the {c.Measure} (> 1: slower), 95 % bootstrap interval; a case is slower or faster only when its whole interval lies beyond ±{c.Threshold * 100:0.##} %, same when it lies within, unsure otherwise."));
        sb.Append("<p class=\"headline\">").Append(HtmlText.Escape(c.Headline())).Append("</p>\n");
        if (!c.AnySlower && !c.AnyFaster) sb.Append("<p>").Append(HtmlText.Escape(c.NoChangeSentence())).Append("</p>\n");
        if (c.Cases.Any(x => x.Execution is not null)) sb.Append("<div class=\"scroll\">").Append(ForestChart.Svg(c)).Append("</div>\n");
        else Empty(sb, "No case has enough runs on both sides for an interval.");
        sb.Append("<div class=\"scroll\"><table><thead><tr><th>case</th><th>verdict</th><th class=\"num\">").Append(HtmlText.Escape(c.MetricName)).Append(" ratio</th><th>95 % interval</th>")
          .Append("<th class=\"num\">load ratio</th><th>load interval</th><th class=\"num\">baseline ms</th><th class=\"num\">candidate ms</th><th class=\"num\">runs</th><th>note</th></tr></thead><tbody>");
        foreach (var x in c.Cases.OrderBy(x => x.Verdict).ThenByDescending(x => Math.Abs(Math.Log(x.Execution?.Ratio ?? 1))))
            sb.Append("<tr><td>").Append(HtmlText.Escape(x.Case)).Append("</td><td><span class=\"badge ").Append(Badge(x.Verdict)).Append("\">").Append(HtmlText.Escape(x.Verdict.ToWire()))
              .Append("</span></td><td class=\"num\">").Append(HtmlText.Escape(Ratio(x.Execution))).Append("</td><td>").Append(HtmlText.Escape(Interval(x.Execution)))
              .Append("</td><td class=\"num\">").Append(HtmlText.Escape(Ratio(x.Load))).Append("</td><td>").Append(HtmlText.Escape(Interval(x.Load)))
              .Append("</td><td class=\"num\">").Append(HtmlText.Escape(Ms(x.BaselineMs))).Append("</td><td class=\"num\">").Append(HtmlText.Escape(Ms(x.CandidateMs)))
              .Append("</td><td class=\"num\">").Append(HtmlText.Escape($"{x.BaselineRuns}/{x.CandidateRuns}")).Append("</td><td>").Append(HtmlText.Escape(x.Note ?? "")).Append("</td></tr>");
        sb.Append("</tbody></table></div>\n");
        Close(sb);
    }

    private static string Badge(CompareVerdict v) => v switch
    {
        CompareVerdict.Slower => "anomaly", CompareVerdict.Faster => "no-anomaly", CompareVerdict.Same => "kind", _ => "undecided",
    };

    private static string Ratio(RatioEstimate? r) => r is null ? "–" : "×" + r.Ratio.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Interval(RatioEstimate? r) => r is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"[{r.Low:0.000}, {r.High:0.000}]");

    private static string Ms(double? v) => v is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    public void Machine(StringBuilder sb)
    {
        Open(sb, "machine", "Machine and runtimes", "Timings are only comparable on the machine they were measured on.");
        var h = m.Campaign.Host;
        var s = m.Settings;
        sb.Append("<table><tbody>");
        Row(sb, "CPU", $"{h.CpuModel} ({h.Cores} cores)");
        Row(sb, "OS / kernel", $"{h.Os} / {h.Kernel}");
        Row(sb, "tool", $"wasm-perfdiff {h.ToolVersion}");
        Row(sb, "campaign", $"{m.Campaign.Id} ({m.Campaign.Origin}), started {m.Campaign.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, seed {m.Campaign.Seed}");
        if (s != null)
            Row(sb, "settings", FormattableString.Invariant(
                    $"size {s.Size}; {s.Warmup} warmup, {s.MinRuns}–{s.MaxRuns} runs per cell (stop at ±{s.TargetRelativeCi * 100:0.#} % CI of the median)")
                + (s.MaxTime is { } t ? $"; budget {t}" : "") + (s.Corpus != null ? $"; corpus {s.Corpus}" : ""));
        if (m.Analysis is { } a)
            Row(sb, "analysis", string.Create(CultureInfo.InvariantCulture,
                $"{Wire.Name(a.Method)}, {Wire.Name(a.Phase)} phase, threshold {a.Threshold:0.##}×, {a.FloorText}: {a.Cases} complete cases, {a.BelowFloorCases} below the floor, {a.DroppedCases} missing a runtime; phases by {(a.MethodSummary.Length > 0 ? a.MethodSummary : "unknown")} cells"));
        sb.Append("</tbody></table>\n");
        Hosts(sb);

        sb.Append("<h3>Runtimes</h3><div class=\"scroll\"><table><thead><tr><th>runtime</th><th>engine / tier</th><th>version</th>")
          .Append("<th class=\"num\">typical time</th><th class=\"num\">cells ok</th><th class=\"num\">runs</th><th>command</th></tr></thead><tbody>");
        foreach (var r in m.Runtimes.OrderBy(r => r.SpeedFactor ?? double.MaxValue).ThenBy(r => r.Name, StringComparer.Ordinal))
            sb.Append("<tr><td class=\"name\"><span class=\"rt\"><span class=\"dot\" style=\"background:").Append(ChartPalette.RuntimeHex[Index(r.Name) % ChartPalette.RuntimeHex.Length])
              .Append("\"></span><b>").Append(HtmlText.Escape(r.Name)).Append("</b></span></td><td>").Append(HtmlText.Escape($"{r.Engine} / {r.Tier}"))
              .Append("</td><td>").Append(HtmlText.Escape(r.Version ?? "unknown")).Append("</td><td class=\"num\">")
              .Append(HtmlText.Escape(r.SpeedFactor is double f ? ReportFormat.Factor(f) : "–")).Append("</td><td class=\"num\">")
              .Append(HtmlText.Escape($"{r.OkCells}/{r.Cells}")).Append("</td><td class=\"num\">").Append(HtmlText.Escape(ReportFormat.Int(r.Runs)))
              .Append("</td><td><code class=\"cmd\">").Append(HtmlText.Escape(r.Command)).Append("</code></td></tr>");
        sb.Append("</tbody></table></div>\n");
        Close(sb);
    }

    /// <summary>Which host ran which cases, when the file holds several campaigns (merged shards): each case's runtimes ran on one.</summary>
    private void Hosts(StringBuilder sb)
    {
        if (m.Hosts.Count < 2) return;
        sb.Append("<h3>Hosts</h3><p class=\"lead\">Merged campaigns: all runtimes of a case ran on one host, so a slower host changes the case's time, not the runtimes' ratios.</p>")
          .Append("<div class=\"scroll\"><table><thead><tr><th>campaign</th><th>shard</th><th>node</th><th>CPU</th><th>kernel</th><th class=\"num\">runs</th><th>cases</th></tr></thead><tbody>");
        foreach (var h in m.Hosts)
            sb.Append("<tr><td><code>").Append(HtmlText.Escape(h.CampaignId[..Math.Min(12, h.CampaignId.Length)])).Append("</code> ").Append(HtmlText.Escape(h.Origin)).Append("</td><td>").Append(HtmlText.Escape(h.Shard ?? "–"))
              .Append("</td><td>").Append(HtmlText.Escape(h.Node ?? "–")).Append("</td><td>").Append(HtmlText.Escape($"{h.Host.CpuModel} ({h.Host.Cores} cores)"))
              .Append("</td><td>").Append(HtmlText.Escape(h.Host.Kernel)).Append("</td><td class=\"num\">").Append(HtmlText.Escape(ReportFormat.Int(h.Runs)))
              .Append("</td><td>").Append(HtmlText.Escape($"{h.Cases.Count}: {string.Join(", ", h.Cases)}")).Append("</td></tr>");
        sb.Append("</tbody></table></div>\n");
    }

    public void Speed(StringBuilder sb)
    {
        Open(sb, "speed", "Typical speed", "Each runtime's usual execution time relative to the fastest runtime: the runtime effects of a median-polish fit of log times (case effect + runtime effect), so one odd case cannot move them.");
        if (m.Runtimes.Any(r => r.SpeedFactor is not null)) sb.Append(SpeedChart.Svg(m.Runtimes, _colourOrder)).Append('\n');
        else Empty(sb, "Needs at least two runtimes with successful runs on a common case.");
        Close(sb);
    }

    public void Support(StringBuilder sb)
    {
        var mx = m.Support;
        Open(sb, "support", "Support matrix", "Which cases ran on which runtimes. A failed cell (crash, trap, timeout, non-zero exit, unsupported) stops after its first failure; a cell whose output differs from the case's reference is marked ≠.");
        sb.Append("<table class=\"compact\"><thead><tr><th>runtime</th><th class=\"num\">ok</th><th class=\"num\">failed</th><th class=\"num\">output differs</th><th class=\"num\">not run</th></tr></thead><tbody>");
        foreach (var rt in mx.Runtimes)
        {
            var cells = mx.Cells.Where(c => c.Runtime == rt).ToList();
            sb.Append("<tr><td>").Append(HtmlText.Escape(rt)).Append("</td><td class=\"num\">").Append(cells.Count(c => c.Status == RunStatus.Ok && !c.OutputDiffers))
              .Append("</td><td class=\"num\">").Append(cells.Count(c => c.Status is { } s && s != RunStatus.Ok))
              .Append("</td><td class=\"num\">").Append(cells.Count(c => c.OutputDiffers))
              .Append("</td><td class=\"num\">").Append(cells.Count(c => c.Status is null)).Append("</td></tr>");
        }
        sb.Append("</tbody></table>\n");
        var failed = mx.Failed.ToList();
        if (failed.Count > 0)
        {
            sb.Append("<h3>Failed cells</h3><table><thead><tr><th>case</th><th>runtime</th><th>status</th><th>message</th></tr></thead><tbody>");
            foreach (var f in failed)
                sb.Append("<tr><td>").Append(HtmlText.Escape(f.Case)).Append("</td><td>").Append(HtmlText.Escape(f.Runtime)).Append("</td><td><span class=\"badge fail\">")
                  .Append(HtmlText.Escape(f.Status!.Value.ToWire())).Append("</span></td><td>").Append(HtmlText.Escape(f.Message ?? "")).Append("</td></tr>");
            sb.Append("</tbody></table>\n");
        }
        sb.Append("<details><summary>Full matrix (").Append(mx.Cases.Count).Append(" cases × ").Append(mx.Runtimes.Count).Append(" runtimes)</summary><div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>case</th>");
        foreach (var rt in mx.Runtimes) sb.Append("<th>").Append(HtmlText.Escape(rt)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var c in mx.Cases)
        {
            sb.Append("<tr><td>").Append(HtmlText.Escape(c)).Append("</td>");
            foreach (var rt in mx.Runtimes)
            {
                var cell = mx.Cell(c, rt);
                sb.Append("<td>");
                if (cell?.Status is not { } st) sb.Append("–");
                else if (st == RunStatus.Ok) sb.Append("<span class=\"badge ok\">ok ").Append(cell.OkRuns).Append("</span>");
                else sb.Append("<span class=\"badge fail\" title=\"").Append(HtmlText.Escape(cell.Message ?? "")).Append("\">").Append(HtmlText.Escape(st.ToWire())).Append("</span>");
                if (cell?.OutputDiffers == true) sb.Append(" <span class=\"badge undecided\">≠ output</span>");
                sb.Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div></details>\n");
        Close(sb);
    }

    public void Heatmap(StringBuilder sb)
    {
        Open(sb, "heatmap", "Residual heatmap", "How much slower (red) or faster (blue) each runtime is on each case than its typical speed and the case's typical cost predict. Factors within ±10 % are not labelled. A dot after a case name marks a case below the duration floor: shown, but not ranked.");
        if (m.Heatmap is { Cases.Count: > 0 } map)
        {
            sb.Append("<div class=\"legend\" aria-label=\"colour scale\">faster");
            foreach (var f in new[] { 1 / 4.0, 1 / 2.0, 1 / 1.5, 1, 1.5, 2, 4 })
                sb.Append("<span class=\"sw\" style=\"background:").Append(ChartPalette.DivergingHex(Math.Log(f)))
                  .Append("\" title=\"").Append(HtmlText.Escape(LogAxis.Factor(f))).Append("\"></span>");
            sb.Append("slower &nbsp; (¼× ½× ⅔× 1× 1.5× 2× 4×; colours saturate at 4×)</div>\n");
            sb.Append("<div class=\"scroll\">").Append(HeatmapChart.Svg(map)).Append("</div>\n");
        }
        else Empty(sb, "Needs at least two runtimes with successful runs on a common case.");
        Close(sb);
    }

    public void Constructs(StringBuilder sb)
    {
        Open(sb, "constructs", "Construct fingerprint",
            "What each runtime pays for each wasm construct, from the micro-benchmarks of `gen constructs`: the time per iteration of the construct's loop over its baseline loop (the same loop without the construct), against what its closest peers pay (the analysis's peer model: the median over the up to three runtimes whose costs usually track its own; where no peer ran the construct, against the consensus of a median polish, marked “(consensus)” in the numbers). Red: this runtime is unusually slow at the construct; blue: unusually fast; grey “–”: the construct did not run there (an unsupported feature such as SIMD, or a failure), which is missing, not slow. Under each factor its 95 % interval; a hatched cell with “?” is undecided (its interval straddles ×1.2 or ×1/1.2), and only a cell whose whole interval is at or above ×1.2 can explain a finding.");
        if (m.Fingerprint is { } fp && fp.Constructs.Count > 0 && fp.Runtimes.Count > 0)
        {
            var residuals = fp.Constructs.Select(c => fp.Runtimes.Select(rt => fp.Cell(c, rt)?.Relative is double x ? Math.Log(x) : double.NaN).ToArray()).ToArray();
            var map = new ConsensusSummary(fp.Constructs, fp.Runtimes, fp.Runtimes.Select(_ => 1.0).ToArray(), residuals, new HashSet<string>());
            var intervals = fp.Constructs.Select(c => fp.Runtimes.Select(rt => fp.Cell(c, rt) is { Relative: not null } cell
                ? new CellInterval(cell.CiLow ?? 0, cell.CiHigh ?? double.PositiveInfinity, cell.IsUndecided(ConstructExplanations.MinRelative))
                : (CellInterval?)null).ToArray()).ToArray();
            sb.Append("<div class=\"scroll\">").Append(HeatmapChart.Svg(map, "chart-constructs", "heatmap of construct cost against the peers, construct by runtime, with 95 % intervals", intervals)).Append("</div>\n");
            sb.Append("<details><summary>numbers (cost over baseline, relative to peers, 95 % CI)</summary><div class=\"scroll\"><table><thead><tr><th>construct</th><th>class</th>");
            foreach (var rt in fp.Runtimes) sb.Append("<th class=\"num\">").Append(HtmlText.Escape(rt)).Append("</th>");
            sb.Append("</tr></thead><tbody>");
            foreach (var c in fp.Constructs)
            {
                sb.Append("<tr><td>").Append(HtmlText.Escape(c)).Append("</td><td>").Append(HtmlText.Escape(fp.Cells.First(x => x.Construct == c).OpcodeClass)).Append("</td>");
                foreach (var rt in fp.Runtimes)
                {
                    var cell = fp.Cell(c, rt);
                    sb.Append("<td class=\"num\"").Append(cell?.Missing is { } why ? $" title=\"{HtmlText.Escape(why)}\"" : "").Append('>')
                      .Append(HtmlText.Escape(cell is { Relative: double r, Cost: double k }
                          ? $"{k:0.00} · {r:0.00}×" + (cell.CiLow is double lo && cell.CiHigh is double hi ? $" ({lo:0.00}–{hi:0.00})" : "")
                            + (cell.Basis == FingerprintBasis.Consensus ? " (consensus)" : $" vs {cell.Peer}")
                          : "–")).Append("</td>");
                }
                sb.Append("</tr>");
            }
            sb.Append("</tbody></table></div></details>\n");
        }
        else Empty(sb, "No construct fingerprint: give `--constructs constructs.db`, a campaign of the corpus written by `gen constructs`.");
        Close(sb);
    }

    public void Findings(StringBuilder sb)
    {
        var a = m.Analysis;
        Open(sb, "findings", "Execution anomalies",
            "Cells slower than predicted, ranked: anomalies (the whole 95 % interval at or above the threshold) first, then undecided ones (more runs would tell), then near misses. The factor compares the cell with its runtime's usual speed, either against all runtimes (consensus) or against the runtimes that usually track it (peers).");
        var list = m.TimingFindings;
        if (list.Count == 0)
        {
            Empty(sb, a is null ? (m.AnalysisNote ?? "no analysis") : "No cell is slower than predicted by more than √threshold." + (m.AnalysisNote is { } n ? " " + n : ""));
            Close(sb);
            return;
        }
        FindingTable(sb, list, detailed: true);
        for (var i = 0; i < list.Count && i < DetailedFindings; i++) FindingCard(sb, list[i], i + 1);

        var unstable = m.InstabilityFindings;
        if (unstable.Count > 0)
        {
            sb.Append("<h3>Unstable cells</h3><p class=\"lead\">Cells whose runs scatter far more than that runtime's runs usually do, in the earlier and in the later half of the campaign alike, after each run is corrected for the load of the machine when it ran: a variance problem, not a mean one.</p>");
            InstabilityTable(sb, unstable);
        }
        Close(sb);
    }

    public void Startup(StringBuilder sb)
    {
        Open(sb, "startup", "Startup and load anomalies", "The same model on startup + compile + instantiate: a runtime that loads some modules much slower than others. Kept apart from execution, and without a duration floor.");
        if (m.StartupFindings.Count > 0) FindingTable(sb, m.StartupFindings, detailed: false);
        else Empty(sb, "No startup or load anomaly (or no runtime reports its load phases).");
        Close(sb);
    }

    public void TierInversions(StringBuilder sb)
    {
        Open(sb, "tier-inversions", "Tier inversions",
            "Cells where an engine's optimizing tier is no faster than its own baseline tier (Cranelift vs Winch or Cranelift -O0, TurboFan vs Liftoff, OMG vs BBQ, …), beyond the pair's usual ratio. The factor is the cell's optimizing/baseline time ratio over the pair's usual one; an anomaly's whole 95 % interval lies at or above the threshold and beyond the pair's usual spread.");
        if (m.TierInversions.Count > 0) FindingTable(sb, m.TierInversions, detailed: false);
        else Empty(sb, "No tier inversion (or no engine with both an optimizing and a baseline tier in the campaign).");
        Close(sb);
    }

    public void Phases(StringBuilder sb)
    {
        Open(sb, "phases", "Phase breakdown", "Where a typical run's time goes on each runtime: process startup, compilation, instantiation, the measured execution and teardown. "
            + "Teardown is the runtime's own: for the embedded Wasmtime tiers it ends when the engine is dropped, and the worker's exit (.NET shutdown) counts in wall time only.");
        if (m.Phases.Count == 0) { Empty(sb, "No successful runs."); Close(sb); return; }
        sb.Append("<div class=\"legend\">");
        foreach (var (name, hex) in PhaseChart.Legend)
            sb.Append("<span class=\"key\"><span class=\"dot\" style=\"background:").Append(hex).Append("\"></span>").Append(HtmlText.Escape(name)).Append("</span>");
        sb.Append("</div>\n").Append(PhaseChart.Svg(m.Phases)).Append('\n');
        sb.Append("<table><thead><tr><th>runtime</th><th class=\"num\">startup</th><th class=\"num\">compile</th><th class=\"num\">instantiate</th><th class=\"num\">execute</th><th class=\"num\">teardown</th><th class=\"num\">wall</th></tr></thead><tbody>");
        foreach (var p in m.Phases)
            sb.Append("<tr><td>").Append(HtmlText.Escape(p.Runtime)).Append("</td>")
              .Append(Num(p.StartupMs)).Append(Num(p.CompileMs)).Append(Num(p.InstantiateMs)).Append(Num(p.ExecuteMs)).Append(Num(p.TeardownMs)).Append(Num(p.WallMs))
              .Append("</tr>");
        sb.Append("</tbody></table>\n");
        Close(sb);
    }

    public void Divergences(StringBuilder sb)
    {
        Open(sb, "divergences", "Correctness divergences", "Runtimes whose status, exit code or output differs from what most runtimes produce on the same case. These are bugs of another kind: a fast wrong answer is not fast.");
        var list = m.Divergences;
        if (list.Count == 0) Empty(sb, "Every runtime agrees with the majority on every case.");
        else
        {
            sb.Append("<table><thead><tr><th>case</th><th>runtime</th><th>what differs</th></tr></thead><tbody>");
            foreach (var f in list)
                sb.Append("<tr id=\"").Append(FindingAnchors.Id(f)).Append("\"><td>").Append(HtmlText.Escape(f.Case)).Append("</td><td>").Append(HtmlText.Escape(f.Runtime))
                  .Append("</td><td class=\"mono\">").Append(HtmlText.Escape(f.Detail ?? "")).Append("</td></tr>");
            sb.Append("</tbody></table>\n");
        }
        Close(sb);
    }

    /// <summary>Unstable cells: the spread ratio in a column of its own (a ratio of spreads, with no interval or verdict).</summary>
    private static void InstabilityTable(StringBuilder sb, IReadOnlyList<Finding> list)
    {
        sb.Append("<div class=\"scroll\"><table><thead><tr><th class=\"num\">#</th><th>case</th><th>runtime</th><th class=\"num\">spread ÷ typical spread</th><th>spreads (earlier / later runs)</th></tr></thead><tbody>");
        for (var i = 0; i < list.Count; i++)
        {
            var f = list[i];
            sb.Append("<tr id=\"").Append(FindingAnchors.Id(f)).Append("\"><td class=\"num\">").Append(i + 1).Append("</td><td>").Append(HtmlText.Escape(f.Case))
              .Append("</td><td>").Append(HtmlText.Escape(f.Runtime)).Append("</td><td class=\"num\">")
              .Append(HtmlText.Escape(f.SpreadRatio is double q ? q.ToString("0.0", CultureInfo.InvariantCulture) : "–"))
              .Append("</td><td>").Append(HtmlText.Escape(f.Detail ?? "")).Append("</td></tr>");
        }
        sb.Append("</tbody></table></div>\n");
    }

    private void FindingTable(StringBuilder sb, IReadOnlyList<Finding> list, bool detailed)
    {
        sb.Append("<div class=\"scroll\"><table><thead><tr><th class=\"num\">#</th><th>case</th><th>runtime</th><th class=\"num\">")
          .Append(list.Count > 0 && list[0].Kind == FindingKind.TierInversion ? "beyond usual ratio" : "slower by").Append("</th><th class=\"num\">95 % CI</th><th>verdict</th><th>compared with</th></tr></thead><tbody>");
        for (var i = 0; i < list.Count; i++)
        {
            var f = list[i];
            var id = FindingAnchors.Id(f);
            var hasCard = detailed && i < DetailedFindings;
            sb.Append("<tr").Append(hasCard ? "" : $" id=\"{id}\"").Append("><td class=\"num\">").Append(i + 1).Append("</td><td>");
            if (hasCard) sb.Append("<a href=\"#").Append(id).Append("\">").Append(HtmlText.Escape(f.Case)).Append("</a>");
            else
            {
                sb.Append(HtmlText.Escape(f.Case));
                FlameLinks(sb, id);
            }
            sb.Append("</td><td>").Append(HtmlText.Escape(f.Runtime)).Append("</td><td class=\"num\">").Append(HtmlText.Escape(ReportFormat.Factor(f.Factor)))
              .Append("</td><td class=\"num\">").Append(HtmlText.Escape(ReportFormat.Ci(f))).Append("</td><td>").Append(Verdict(f.Verdict))
              .Append("</td><td>").Append(HtmlText.Escape(ReportFormat.Basis(f))).Append("</td></tr>");
        }
        sb.Append("</tbody></table></div>\n");
    }

    private void FindingCard(StringBuilder sb, Finding f, int rank)
    {
        var id = FindingAnchors.Id(f);
        sb.Append("<article class=\"finding\" id=\"").Append(id).Append("\"><h3><span class=\"rank\">#").Append(rank).Append("</span>")
          .Append(HtmlText.Escape(f.Case)).Append(" <span>on</span> ").Append(HtmlText.Escape(f.Runtime)).Append(' ').Append(Verdict(f.Verdict))
          .Append(" <span class=\"badge kind\">").Append(HtmlText.Escape(Wire.Name(f.Kind))).Append("</span></h3>");
        sb.Append("<p class=\"facts\"><b>").Append(HtmlText.Escape(ReportFormat.Factor(f.Factor))).Append("</b> slower than predicted · 95 % CI <b>")
          .Append(HtmlText.Escape(ReportFormat.Ci(f))).Append("</b> · compared with ").Append(HtmlText.Escape(ReportFormat.Basis(f))).Append("</p>");
        if (f.Explanations is { Count: > 0 } why)
        {
            sb.Append("<div class=\"explain\"><b>Constructs that may explain it</b> (the module uses them a lot and this runtime is unusually slow at them):<ol>");
            foreach (var e in why)
                sb.Append("<li>").Append(HtmlText.Escape(e.Text)).Append("</li>");
            sb.Append("</ol></div>");
        }
        else if (f.Explanations is not null)
            sb.Append("<p class=\"lead\">No construct explains it: none that the module uses a lot is one this runtime is unusually slow at.</p>");
        if (m.RunsByCase.TryGetValue(f.Case, out var cells))
            sb.Append(RunsChart.Svg("runs-" + id, f.Case, cells, f.Runtime, _colourOrder));
        FlameLinks(sb, id);
        sb.Append("</article>\n");
    }

    /// <summary>Links to the finding's flame graphs, when profiling made any (<see cref="ReportOptions.FlameGraphs"/>).</summary>
    private void FlameLinks(StringBuilder sb, string id)
    {
        if (!m.FlameGraphs.TryGetValue(id, out var graphs) || graphs.Count == 0) return;
        sb.Append("<span class=\"flame\">flame graphs: ");
        foreach (var g in graphs)
            sb.Append("<a href=\"").Append(HtmlText.Escape(Link(g))).Append("\">").Append(HtmlText.Escape(Path.GetFileName(g))).Append("</a>");
        sb.Append("</span>");
    }

    /// <summary>A flame graph link relative to the report, so the report and its graphs can move together.</summary>
    private string Link(string path)
    {
        if (reportDir is null || !Path.IsPathRooted(path)) return path.Replace('\\', '/');
        return Path.GetRelativePath(reportDir, path).Replace('\\', '/');
    }

    private int Index(string runtime)
    {
        for (var i = 0; i < _colourOrder.Count; i++) if (_colourOrder[i] == runtime) return i;
        return 0;
    }

    private static string Verdict(Verdict? verdict) => verdict is { } v ? $"<span class=\"badge {HtmlText.Escape(Wire.Name(v))}\">{HtmlText.Escape(Wire.Name(v))}</span>" : "";

    private static string Num(double? ms) => $"<td class=\"num\">{HtmlText.Escape(ReportFormat.Ms(ms))}</td>";

    private static void Row(StringBuilder sb, string key, string value) =>
        sb.Append("<tr><th scope=\"row\" style=\"width:140px\">").Append(HtmlText.Escape(key)).Append("</th><td>").Append(HtmlText.Escape(value)).Append("</td></tr>");

    private static void Empty(StringBuilder sb, string text) => sb.Append("<p class=\"empty\">").Append(HtmlText.Escape(text)).Append("</p>\n");
}
