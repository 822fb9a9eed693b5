using System.Globalization;
using System.Text;
using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Reporting;

/// <summary>
/// ISSUE.md of a reduction, ready to paste into an engine's tracker: a title naming the construct and the factor, the
/// engine, version, tier and exact command, the host, the reduced program (inline when short, else the file's name),
/// commands that reproduce it without this tool for the target and each peer, the measurements before and after, and the
/// dominant construct with the target's construct fingerprint cell when there is one.
/// Text from outside (names, versions, paths) is escaped; code goes in fences longer than any backtick run inside.
/// </summary>
public static class IssueMarkdown
{
    /// <summary>Programs up to this many lines are shown inline; longer ones are named as files of the folder.</summary>
    public const int InlineLines = 80;

    public static string Render(ReductionSummary s)
    {
        static string E(string t) => MarkdownText.Escape(t);
        var inv = CultureInfo.InvariantCulture;
        var after = s.AfterCheck ?? s.BeforeCheck;
        var factor = after.Decision?.Factor ?? s.BeforeCheck.Decision?.Factor;
        var target = s.Runtimes.FirstOrDefault(r => r.Name == s.Target);
        var construct = s.Construct?.OpcodeClass ?? "this program";
        var sb = new StringBuilder();
        sb.Append(inv, $"# {E(target?.Engine ?? s.Target)} {E(target?.Tier ?? "")}: {E(construct)} runs ×{factor:0.0} slower than on {E(string.Join(", ", s.Peers))}\n\n");
        sb.Append(inv, $"A program reduced from `{Code(s.Name)}` (found by differential testing with wasm-perfdiff) runs ×{factor:0.00} slower on **{E(s.Target)}** ");
        sb.Append($"than on {E(string.Join(", ", s.Peers))}, which run the same module to the same output.");
        if (s.Finding is { } f) sb.Append($" The original finding: {E(f)}.");
        sb.Append("\n\n## Engine and host\n\n| | |\n|---|---|\n");
        foreach (var r in s.Runtimes)
            sb.Append($"| {(r.Name == s.Target ? "**target**" : "peer")} {E(r.Name)} | engine {E(r.Engine)}, tier {E(r.Tier)}, version {E(r.Version ?? "unknown")}; command `{Code(r.Template)}` |\n");
        sb.Append(inv, $"| host | {E(s.Host.CpuModel)}, {s.Host.Cores} cores; {E(s.Host.Os)}; kernel {E(s.Host.Kernel)} |\n\n");

        sb.Append("## Program\n\n");
        AppendProgram(sb, s);
        sb.Append("## Reproduce\n\nIn this folder");
        if (s.BuildCommand is { } build)
            sb.Append(", build the module from the source (clang for wasm32-wasi, compiled then linked without `-O` so binaryen's `wasm-opt` does not rewrite it, as the measured module was built), ")
              .Append("then run it on each engine:\n\n").Append(Fence("sh", build));
        else sb.Append(", run the module on each engine:\n\n");
        foreach (var r in s.Runtimes)
        {
            sb.Append($"- {E(r.Name)}{(r.Name == s.Target ? " (slow)" : "")}:");
            sb.Append(r.Command is { } c ? "\n\n" + Indent(Fence("sh", c)) : $" {E(r.Note ?? "no command")}\n");
        }
        sb.Append(s.Metric == Campaigns.CompareMetric.Cpu
            ? "\n## Measurements\n\nCPU time (user + system) per run minus that of the same module with an empty `_start`"
            : "\n## Measurements\n\nExecution time per run (the runtime's own phase split, else the run's wall time minus that of the same module with an empty `_start`)");
        sb.Append(", median of the runs; factor = target / peer, ratio of medians with a 95 % bootstrap interval, against the weakest peer.\n\n");
        sb.Append("| program | size | runtime | runs | median ms | factor | 95 % interval |\n|---|---|---|---:|---:|---:|---|\n");
        AppendRows(sb, "original", s.Before.Describe(s.Level), s.BeforeCheck, s.Target);
        if (s.AfterCheck is { } a) AppendRows(sb, "reduced", s.After.Describe(s.Level), a, s.Target);
        else sb.Append($"| reduced | {E(s.After.Describe(s.Level))} | not measured again ({E(s.End.ToWire())}) | | | | |\n");
        sb.Append(inv, $"\nEvery kept step had to stay at or above ×{s.RequiredFactor:0.00} against every peer (70 % of the original excess, at least ×1.5), ");
        sb.Append(inv, $"with the same output on all engines{(s.Level == ReductionLevel.C ? " and as a native build with `-fsanitize=undefined` that reported nothing, which also ran clean under valgrind's memcheck" : "")}. ");
        sb.Append(inv, $"{s.Tried} candidates tried, {s.Kept} kept, in {s.Elapsed.TotalMinutes:0.0} min ({E(s.End.ToWire())}).\n");
        AppendFlameGraph(sb, s);
        if (s.Construct is { } k)
        {
            sb.Append(k.Lift is null
                ? $"\n## Construct\n\nThe reduced module's loop-weighted instruction mix is dominated by {E(k.ToString())}"
                : $"\n## Construct\n\nOf the reduced module's loop-weighted instruction mix, the reduction kept most, against the original program, of {E(k.ToString())}");
            sb.Append(k.Description is { } d ? $": {E(d)}.\n" : ".\n");
            if (s.FingerprintCell is { } c) AppendCell(sb, c);
        }
        return sb.ToString();
    }

    private static void AppendProgram(StringBuilder sb, ReductionSummary s)
    {
        var files = new List<(string Lang, string File)>();
        if (s.Level == ReductionLevel.C) files.Add((s.Language == "c++" ? "cpp" : "c", s.ProgramFile));
        if (s.TextFile is { } wat) files.Add(("wasm", wat));
        foreach (var (lang, file) in files)
        {
            var path = Path.Combine(s.OutDirectory, file);
            if (!File.Exists(path)) continue;
            var lines = File.ReadAllLines(path);
            if (lines.Length <= InlineLines) sb.Append($"`{Code(file)}`:\n\n").Append(Fence(lang, string.Join('\n', lines))).Append('\n');
            else sb.Append($"`{Code(file)}` ({lines.Length} lines) is in the folder.\n\n");
        }
        if (files.Count == 0 || s.TextFile is null) sb.Append($"The module: `{Code(s.ModuleFile)}`.\n\n");
    }

    /// <summary>The differential flame graph, linked, with what to mind reading it; or the one line saying why there is none.</summary>
    private static void AppendFlameGraph(StringBuilder sb, ReductionSummary s)
    {
        sb.Append("\n## Where the time goes\n\n");
        if (s.FlameGraph is { } svg)
        {
            var peer = s.Peers.Count > 0 ? MarkdownText.Escape(s.Peers[0]) : "the peer";
            sb.Append($"[Differential flame graph]({Uri.EscapeDataString(svg)}) of the reduced module, sampled by perf: widths are the samples on ");
            sb.Append($"{MarkdownText.Escape(s.Target)}, red where {MarkdownText.Escape(s.Target)} spends a larger share of its time than {peer} does on the same stack, blue a smaller one. ");
            sb.Append("Each runtime's own profile (folded stacks and flame graph) is in `profile/`.\n");
            if (s.FlameGraphNote is { } note) sb.Append($"\nMind: {Sentence(note, capital: false)}\n");
        }
        else sb.Append(Sentence(s.FlameGraphNote ?? "no flame graph")).Append('\n');
    }

    /// <summary>A note as a sentence: escaped, one full stop, capitalised when it starts one (a note may start with a runtime's name).</summary>
    private static string Sentence(string note, bool capital = true)
    {
        var text = MarkdownText.Escape(note.Trim().TrimEnd('.'));
        return text.Length == 0 ? "" : (capital ? char.ToUpperInvariant(text[0]) + text[1..] : text) + ".";
    }

    /// <summary>The target's fingerprint cell: what the construct alone costs it against its peers, on the construct micro-benchmarks.</summary>
    private static void AppendCell(StringBuilder sb, Analysis.FingerprintCell c)
    {
        static string E(string t) => MarkdownText.Escape(t);
        sb.Append("\nThe construct fingerprint (a micro-benchmark per construct, `wasm-perfdiff gen constructs`) has this cell for the target:\n\n");
        sb.Append("| runtime | construct | factor | 95 % interval | runs | against |\n|---|---|---:|---|---:|---|\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"| {E(c.Runtime)} | {E(c.Construct)} ({E(c.OpcodeClass)}) | ×{c.Relative:0.00} | {Interval(c.CiLow, c.CiHigh)} | {c.Runs} | {E(c.Against)} |\n\n");
        // The same bar an explanation of a finding must clear: a point estimate of a noisy cell is no evidence.
        var bar = Analysis.ConstructExplanations.MinRelative;
        sb.Append(c.IsSlow(bar)
            ? FormattableString.Invariant($"Its whole interval is above ×{bar:0.0}: the construct alone is slow on {E(c.Runtime)}.\n")
            : FormattableString.Invariant($"Its interval does not stay above ×{bar:0.0}: the micro-benchmark alone does not show {E(c.Runtime)} to be slow at it.\n"));
    }

    private static string Interval(double? lo, double? hi) =>
        lo is double l && hi is double h ? FormattableString.Invariant($"[{l:0.00}, {h:0.00}]") : "none (too few runs)";

    private static void AppendRows(StringBuilder sb, string which, string size, CheckOutcome check, string target)
    {
        var d = check.Decision;
        foreach (var side in check.Sides)
        {
            var isTarget = side.Runtime == target;
            var ratio = isTarget && d?.Factor is double x ? FormattableString.Invariant($"×{x:0.00} vs {d.Peer}") : "";
            var ci = isTarget && d?.Low is double lo && d.High is double hi ? FormattableString.Invariant($"[{lo:0.00}, {hi:0.00}]") : "";
            var ms = side.MedianMs is double m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "–";
            sb.Append($"| {which} | {MarkdownText.Escape(size)} | {MarkdownText.Escape(side.Runtime)} | {side.Runs} | {ms} | {MarkdownText.Escape(ratio)} | {ci} |\n");
        }
    }

    /// <summary>A fenced block whose fence is longer than any backtick run in <paramref name="code"/>.</summary>
    public static string Fence(string lang, string code)
    {
        var longest = 0;
        for (int i = 0, run = 0; i < code.Length; i++) longest = Math.Max(longest, run = code[i] == '`' ? run + 1 : 0);
        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}{lang}\n{code.TrimEnd('\n')}\n{fence}\n";
    }

    private static string Indent(string block) => string.Concat(block.Split('\n').Select(l => l.Length == 0 ? "\n" : "  " + l + "\n")).TrimEnd('\n') + "\n";

    /// <summary>Text inside a code span: only a backtick could end it.</summary>
    private static string Code(string text) => text.Replace('`', '\'').Replace('\n', ' ');
}
