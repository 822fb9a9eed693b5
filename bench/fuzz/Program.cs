using System.Diagnostics;
using WasmPerfDiff.Fuzz;

// wasm-perfdiff-fuzz [--count N] [--seed S] [--parallel P] [--cli path/to/wasm-perfdiff.dll] [--limit SECONDS] [--kinds a,b]
// Feeds N malformed inputs (spread evenly over the kinds) through the CLI and prints the outcome table and each defect.
var opts = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a, x => x.i + 1 < args.Length ? args[x.i + 1] : "");
int Int(string k, int d) => opts.TryGetValue(k, out var v) ? int.Parse(v) : d;
var root = FindRepoRoot();
var count = Int("--count", 10_000);
var seed = Int("--seed", 13);
var parallel = Int("--parallel", Environment.ProcessorCount);
var cli = opts.GetValueOrDefault("--cli") ?? Directory.GetFiles(Path.Combine(root, "src", "WasmPerfDiff.Cli", "bin"), "wasm-perfdiff.dll", SearchOption.AllDirectories)
    .OrderByDescending(File.GetLastWriteTimeUtc).First();
var kinds = opts.TryGetValue("--kinds", out var k) ? k.Split(',') : FuzzInputs.Kinds;
var work = Directory.CreateTempSubdirectory("wasm-perfdiff-fuzz-").FullName;
var inputs = new FuzzInputs(root, work, seed);
var cases = Enumerable.Range(0, count).Select(i => inputs.Next(kinds[i % kinds.Length], i)).ToList();
Console.Error.WriteLine($"{count} inputs through {cli}, {parallel} at a time, sandboxes in {work}");
var clock = Stopwatch.StartNew();
var runner = new FuzzRunner(cli, work, TimeSpan.FromSeconds(Int("--limit", 120)));
// One line per result as it comes (kind, outcome, exit, label, detail), so an interrupted run still has its counts.
var log = opts.GetValueOrDefault("--log");
var gate = new object();
var results = runner.Run(cases, parallel, (n, r) =>
{
    if (log is not null)
        lock (gate) File.AppendAllText(log, string.Join('\t', r.Case.Kind, WasmPerfDiff.Wire.Name(r.Outcome), r.ExitCode, r.Case.Label.Replace('\t', ' ').Replace('\n', ' '),
            r.Detail.Replace('\t', ' ').Replace('\n', ' ')) + "\n");
    if (n % 100 == 0) Console.Error.WriteLine($"  {n}/{count} ({clock.Elapsed:hh\\:mm\\:ss})");
});
Console.WriteLine(FuzzRunner.Table(results));
Console.WriteLine($"{count} inputs in {clock.Elapsed:hh\\:mm\\:ss}, seed {seed}");
foreach (var r in results.Where(r => FuzzRunner.IsDefect(r.Outcome)))
    Console.WriteLine($"- {r.Outcome} [{r.Case.Kind}] {r.Case.Label}: wasm-perfdiff {string.Join(' ', r.Case.Args)} → exit {r.ExitCode}: {r.Detail}");
try { Directory.Delete(work, recursive: true); } catch (IOException) { }
return results.Any(r => FuzzRunner.IsDefect(r.Outcome)) ? 1 : 0;

static string FindRepoRoot()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "WasmPerfDiff.slnx"))) return d.FullName;
    throw new InvalidOperationException("run from inside the repository");
}
