using WasmPerfDiff.Fuzz;

namespace WasmPerfDiff.Tests.Fuzz;

/// <summary>
/// A quick slice of the fuzz suite (bench/fuzz runs the full count): malformed modules, configs, manifests, databases,
/// WarpDiff CSVs, option values and output paths through the real CLI. Every input must be accepted or rejected on one
/// line with exit 2: no crash or stack trace, no hang, no change to a read-only input, no file left by a rejection.
/// </summary>
public class FuzzSliceTests
{
    [Fact]
    public void Malformed_inputs_of_every_kind_are_rejected_on_one_line_without_crash_hang_write_or_leftover()
    {
        var work = Directory.CreateTempSubdirectory("perfdiff-fuzz-slice-").FullName;
        try
        {
            var inputs = new FuzzInputs(TestPaths.RepoRoot, work, seed: 1);
            var cases = Enumerable.Range(0, 10 * FuzzInputs.Kinds.Length).Select(i => inputs.Next(FuzzInputs.Kinds[i % FuzzInputs.Kinds.Length], i)).ToList();
            var runner = new FuzzRunner(Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"), work, TimeSpan.FromSeconds(90));
            var results = runner.Run(cases, Environment.ProcessorCount);
            var defects = results.Where(r => FuzzRunner.IsDefect(r.Outcome))
                .Select(r => $"{r.Outcome} [{r.Case.Kind}] {r.Case.Label}: {string.Join(' ', r.Case.Args)} → exit {r.ExitCode}: {r.Detail}").ToList();
            Assert.True(defects.Count == 0, FuzzRunner.Table(results) + string.Join('\n', defects));
            Assert.Contains(results, r => r.Outcome == FuzzOutcome.Rejected);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
