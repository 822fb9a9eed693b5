using WasmPerfDiff.Reduction;
using WasmPerfDiff.Tests.Host;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// A reducer stopped at its budget takes everything it started with it. The reducer here is a fake that forks without
/// pause (each child a long sleep that it kills at once), so a kill that lists a process's children and then kills it
/// misses the child forked in between; that is how a budget-ended reduction once left a runtime running for 19 minutes.
/// </summary>
[Collection(ReduceEndToEndTests.Collection)]
public class ReducerBudgetTests
{
    [RequiresLauncherFact]
    public async Task A_reducer_stopped_at_its_budget_leaves_no_process_behind_even_while_it_forks()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-reducer-budget-").FullName;
        // A sleep that no other process has: its second operand (GNU sleep adds them) marks it as this test's.
        var marker = "0.00" + Random.Shared.Next(100000, 999999);
        var reducer = Path.Combine(dir, "forking-reducer.sh");
        File.WriteAllText(reducer, $"#!/bin/sh\nwhile :; do sleep 300 {marker} & kill $! 2>/dev/null; done\n");
        File.SetUnixFileMode(reducer, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var program = Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "input")).FullName, "m.wasm");
        File.WriteAllBytes(program, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
        var spec = new ReductionSpec
        {
            Target = "t", Peers = ["p"], Level = ReductionLevel.Wasm, ProgramName = "m.wasm", Args = [], RequiredFactor = 1.5, OutDirectory = dir,
        };
        var specPath = spec.Save(dir);
        try
        {
            for (var i = 0; i < 20; i++)
            {
                // A survivor that holds the reducer's output pipe open would also keep the run from returning (300 s).
                var run = Reducers.RunAsync(spec, reducer, dir, program, specPath, TimeSpan.FromSeconds(0.5), CancellationToken.None);
                Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) == run,
                    $"the reducer's run had not returned 30 s after its half-second budget; left running: {string.Join(", ", LiveProcesses.Mentioning(marker))}");
                Assert.Equal(ReducerEnd.Budget, (await run).End);
            }
            await Task.Delay(200);
            Assert.Empty(LiveProcesses.Mentioning(marker));
        }
        finally
        {
            foreach (var pid in LiveProcesses.Mentioning(marker))
                try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { }
        }
    }
}
