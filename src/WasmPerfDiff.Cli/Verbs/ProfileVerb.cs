using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Profiling;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>profile (--case NAME [--corpus DIR] | --wasm FILE) --runtime A [--vs B] [--out DIR] [-- ARGS]</c>: samples the program with
/// perf on A (and B) and writes folded stacks, flame graphs and the differential graph of A against B.
/// <c>profile --db FILE --findings N</c> does the same for the campaign's top N timing findings against their best peer,
/// with an index <c>findings.json</c> for the report. Exit 0 when every profiled run exited 0, 1 when one failed or timed
/// out (its profile is still written), 2 on bad usage or when perf cannot sample.
/// </summary>
public static class ProfileVerb
{
    public static Command Create()
    {
        var caseName = new Option<string?>("--case") { Description = "corpus case to profile (by name; its args and stdin come from the corpus)" };
        var corpus = CaseOptions.Corpus("corpus directory for --case (NAME.wasm with NAME.args / NAME.stdin sidecars)");
        var size = CaseOptions.Size("input size of the case (default or test); with --db each finding's case runs at this size of the corpus (--corpus, else the project's), not the campaign's; a case the corpus lacks keeps the campaign's arguments", onlyCorpusSizes: false);
        var wasm = new Option<string?>("--wasm") { Description = "a wasm32-wasi command module to profile" };
        var runtime = new Option<string?>("--runtime", "-r") { Description = "runtime configuration A to profile" };
        var vs = new Option<string?>("--vs") { Description = "runtime configuration B to compare A against (differential flame graph)" };
        var outDir = new Option<string>("--out") { Description = "output folder for .folded and .svg files", DefaultValueFactory = _ => "profile-out" };
        var frequency = new Option<int>("--frequency", "-F") { Description = "samples per second", DefaultValueFactory = _ => PerfOptions.DefaultFrequencyHz };
        var timeout = new Option<double>("--timeout") { Description = "per-run timeout in seconds", DefaultValueFactory = _ => RunRequest.DefaultTimeout.TotalSeconds };
        var top = new Option<int>("--top") { Description = "functions per list", DefaultValueFactory = _ => 10 };
        var stdin = new Option<string?>("--stdin") { Description = "file to feed to the program's stdin" };
        var dir = new Option<string?>("--dir") { Description = "directory to preopen for the program (same path inside the guest)" };
        var db = new Option<string?>("--db") { Description = "campaign database: profile its top anomaly findings (with --findings)" };
        var findings = new Option<int?>("--findings") { Description = "how many of the campaign's top findings to profile against their best peer" };
        var guestArgs = new Argument<string[]>("args") { Description = "arguments for the program (after --)", Arity = ArgumentArity.ZeroOrMore };
        var json = CommonOptions.Json();
        var command = new Command("profile", "sample a program with perf on one runtime (and a second), write flame graphs and a differential flame graph, rank guest functions")
        {
            caseName, corpus, size, wasm, runtime, vs, outDir, frequency, timeout, top, stdin, dir, db, findings, guestArgs, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var sampling = new SamplingRequest(parse.GetValue(frequency), parse.GetValue(timeout), parse.GetValue(top), parse.GetValue(outDir)!, parse.GetValue(CommonOptions.Config));
            if (parse.GetValue(db) is not null || parse.GetValue(findings) is not null)
            {
                if (parse.GetValue(db) is not { } file || parse.GetValue(findings) is not { } count) throw new BadInputException("--db FILE and --findings N go together");
                if (parse.GetValue(caseName) is not null || parse.GetValue(wasm) is not null || parse.GetValue(runtime) is not null)
                    throw new BadInputException("--db/--findings choose cases and runtimes themselves: drop --case, --wasm and --runtime");
                var (index, profiles) = await ProfileWorkflow.FindingsAsync(new FindingsProfileRequest(sampling, file, count)
                    { Size = parse.GetValue(size), CorpusDirectory = parse.GetValue(corpus) }, ct);
                if (parse.GetValue(json)) JsonOutput.Print(FindingProfilesDocument.From(index, profiles));
                else ProfileView.PrintFindings(profiles, sampling.OutDirectory, index);
                return ExitCodes.Ok;
            }
            var a = parse.GetValue(runtime) ?? throw new BadInputException("--runtime is required: the runtime configuration to profile");
            var result = await ProfileWorkflow.ProfileAsync(new ProfileRequest(sampling, parse.GetValue(caseName), parse.GetValue(corpus), parse.GetValue(size)!,
                parse.GetValue(wasm), a, parse.GetValue(vs), parse.GetValue(guestArgs) ?? [], parse.GetValue(stdin), parse.GetValue(dir)), ct);
            if (parse.GetValue(json)) JsonOutput.Print(ProfileDocument.From(result));
            else ProfileView.Print(result);
            return ProfileView.ReportFailures(result, parse.GetValue(timeout)) ? ExitCodes.Found : ExitCodes.Ok;
        });
        return command;
    }
}
