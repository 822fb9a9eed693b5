using WasmPerfDiff.Reduction;

namespace WasmPerfDiff.Workflows;

/// <summary>
/// One check of a candidate, as the reduce process answers it for the reducer's check client (<see cref="CheckServer"/>)
/// and as the hidden verb <c>reduce-check --spec FILE PROGRAM</c> runs it when the client cannot connect: checks the candidate (<see cref="CandidateCheck"/>), logs the step, and when the
/// candidate is interesting and no larger than the best so far, makes it the best in the output folder. A candidate that
/// builds to the kept module is not measured again (<see cref="KeptModule"/>).
/// Returns whether it is interesting (exit 0) or not (exit 1). Nothing is printed on stdout: wasm-reduce compares it.
/// </summary>
public static class ReduceCheckWorkflow
{
    public static async Task<bool> RunAsync(string specPath, string program, CancellationToken ct)
    {
        var spec = ReductionSpec.Load(specPath);
        var full = Path.GetFullPath(program);
        if (!File.Exists(full)) throw new BadInputException($"candidate '{program}' does not exist", "Program");
        var (size, laidOut) = await ProgramSize.OfAsync(full, spec.Level, ct);
        var folder = new ReductionFolder(spec.OutDirectory, spec);
        // Read once: the reducer runs one check at a time, so the best program cannot change while this one runs.
        var best = folder.Best();
        CheckOutcome outcome;
        // A folder of its own: the reduce process answers checks itself (CheckServer), one after another in one scratch directory.
        var work = Directory.CreateDirectory(Path.Combine(Host.ScratchDirectory.Path, $"check-{Guid.NewGuid():N}")).FullName;
        try
        {
            // A candidate the runtimes refuse is a step like any other: logged, not interesting.
            try { outcome = await CandidateCheck.RunAsync(spec, full, work, null, ct, KeptModule.Of(folder, best)); }
            catch (BadInputException e) { outcome = CheckOutcome.Out(e.Message, spec.Args); }
            Record(folder, best, size, laidOut, full, outcome);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return outcome.Interesting;
    }

    /// <summary>Logs the step and, when the candidate is interesting and no larger than the best so far, keeps it.</summary>
    private static void Record(ReductionFolder folder, BestProgram? best, ProgramSize size, string? laidOut, string program, CheckOutcome outcome)
    {
        var keep = outcome.Interesting && (best is null || size.Bytes <= best.Size.Bytes);
        var step = folder.Steps().Count;
        var d = outcome.Decision;
        folder.Append(new ReductionStep(step, DateTimeOffset.UtcNow, size, keep, outcome.Reason, d?.Factor, d?.Low, outcome.Args));
        if (keep)
        {
            folder.Keep(program, outcome.Module!, new BestProgram(step, DateTimeOffset.UtcNow, size, d?.Factor, d?.Low, d?.High, outcome.Args) { Output = outcome.Output },
                laidOut);
        }
    }
}
