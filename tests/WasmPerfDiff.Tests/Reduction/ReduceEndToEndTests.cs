using System.Diagnostics;
using System.Text.Json;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// reduce on a planted anomaly, end to end: the real CLI, C-Vise, clang and gcc, the real wasm3 as the peer and a runtime
/// that is slow on one construct (i64.popcnt) inside a program that does other work. CPU metric: the suite shares the machine.
/// </summary>
[Collection(Collection)]
public class ReduceEndToEndTests
{
    /// <summary>The end-to-end reductions measure slowdowns: one at a time, so that they do not measure each other.</summary>
    public const string Collection = "reduce end-to-end";

    private static string[] Args(PlantedReduction p, string outDir, string maxTime) =>
        ["reduce", "--config", p.Config, "--wasm", p.Wasm, "--runtime", PlantedReduction.Target, "--peers", PlantedReduction.Peer, "--arg", "1",
            "--metric", "cpu", "--runs", "5", "--max-time", maxTime, "-o", outDir];

    private static int Lines(string path) => File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l));

    [RequiresReduceToolsFact]
    public async Task The_reduced_program_keeps_the_slow_construct_drops_other_work_and_comes_with_an_issue()
    {
        var p = await PlantedReduction.CreateAsync("small");
        var outDir = Path.Combine(p.Folder, "reduced");
        var r = CliProcess.RunIn(p.Folder, TimeSpan.FromMinutes(3), Args(p, outDir, "50s"));
        Assert.True(r.ExitCode == 0, r.Stderr);

        var reduced = File.ReadAllText(Path.Combine(outDir, "small.c"));
        Assert.Contains("popcount", reduced);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var root = summary.RootElement;
        // Smaller, both measured in the layout the program is kept in (the folder's file is that text).
        Assert.True(root.GetProperty("after").GetProperty("bytes").GetInt64() < root.GetProperty("before").GetProperty("bytes").GetInt64(), reduced);
        Assert.Equal(Lines(Path.Combine(outDir, "small.c")), root.GetProperty("after").GetProperty("lines").GetInt32());
        Assert.Contains(root.GetProperty("end").GetString(), new[] { "finished", "budget" });
        Assert.True(root.GetProperty("kept").GetInt32() >= 1);
        // Still clearly slower on the planted runtime. Not "keeps 70 % of the original excess" on 5 runs: that
        // re-measurement missed its line in one fresh-clone run of three (×2.71 [2.28, 3.67] against ×2.76), the
        // fake runtime's per-process wasm2wat scan differing between the original and the reduced module.
        var after = root.GetProperty("reduced");
        Assert.True(after.GetProperty("ci_low").GetDouble() >= 1.5, after.GetProperty("verdict").GetString());
        Assert.Contains("i64.popcnt", File.ReadAllText(Path.Combine(outDir, "reduced.wat")));
        // Named for a class of the kept popcount loop, not for the local traffic or wasi-libc's printf around it. Which of
        // its two classes is a near tie here (both live only in that loop of the original; one run named each).
        var construct = root.GetProperty("construct").GetString()!;
        Assert.True(construct.StartsWith(WasmPerfDiff.Corpus.Constructs.OpcodeClasses.BitCount + " ", StringComparison.Ordinal)
            || construct.StartsWith(WasmPerfDiff.Corpus.Constructs.OpcodeClasses.I64Arith + " ", StringComparison.Ordinal), construct);
        var issue = File.ReadAllText(Path.Combine(outDir, "ISSUE.md"));
        Assert.Contains("## Reproduce", issue);
        Assert.Contains("./reduced.wasm", issue);
        Assert.Contains("| original |", issue);
        Assert.Contains("| reduced |", issue);
        // Every step is logged, each kept one was interesting.
        var steps = File.ReadAllLines(Path.Combine(outDir, "steps.jsonl"));
        Assert.Equal(root.GetProperty("tried").GetInt32() + 1, steps.Length);
    }

    [RequiresReduceToolsFact]
    public async Task A_module_without_source_is_reduced_by_wasm_reduce_and_keeps_the_construct()
    {
        var p = await PlantedReduction.CreateAsync("small");
        File.Delete(p.Source); // no small.c beside the module: wasm level
        var outDir = Path.Combine(p.Folder, "reduced");
        var r = CliProcess.RunIn(p.Folder, TimeSpan.FromMinutes(3), Args(p, outDir, "50s"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))).RootElement;
        Assert.Equal("wasm", root.GetProperty("level").GetString());
        Assert.True(root.GetProperty("after").GetProperty("bytes").GetInt64() < root.GetProperty("before").GetProperty("bytes").GetInt64());
        // Still clearly slower, as in the source-level test (not reduce's own 70 % verdict on 5 runs).
        Assert.True(root.GetProperty("reduced").GetProperty("ci_low").GetDouble() >= 1.5, root.GetProperty("reduced").GetProperty("verdict").GetString());
        Assert.Contains("i64.popcnt", File.ReadAllText(Path.Combine(outDir, "reduced.wat")));
        Assert.Contains("./small.wasm", File.ReadAllText(Path.Combine(outDir, "ISSUE.md")));
    }

    [RequiresReduceToolsFact(AndPerf = true)]
    public async Task With_perf_the_folder_gets_the_differential_flame_graph_and_the_issue_links_it()
    {
        var p = await PlantedReduction.CreateAsync("small");
        var outDir = Path.Combine(p.Folder, "reduced");
        // A short budget: the graph is drawn after the reducer stops, however far it got.
        var r = CliProcess.RunIn(p.Folder, TimeSpan.FromMinutes(3), Args(p, outDir, "20s"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))).RootElement;
        Assert.True(root.GetProperty("flame_graph").ValueKind == JsonValueKind.String, root.GetProperty("flame_graph_note").ToString());
        Assert.Equal("flame-diff.svg", root.GetProperty("flame_graph").GetString());
        var svg = File.ReadAllText(Path.Combine(outDir, "flame-diff.svg"));
        Assert.StartsWith("<?xml", svg.TrimStart());
        Assert.Contains($"{PlantedReduction.Target} vs {PlantedReduction.Peer}", svg);
        // The raw profiles of both runtimes beside it, and the issue links the graph.
        foreach (var rt in new[] { PlantedReduction.Target, PlantedReduction.Peer })
            Assert.True(new FileInfo(Path.Combine(outDir, "profile", rt + ".folded")).Length > 0, rt);
        var issue = File.ReadAllText(Path.Combine(outDir, "ISSUE.md"));
        Assert.Contains("## Where the time goes", issue);
        Assert.Contains("[Differential flame graph](flame-diff.svg)", issue);
    }

    [RequiresReduceToolsFact]
    public async Task A_reduction_stopped_midway_leaves_the_best_program_so_far_in_its_folder()
    {
        var p = await PlantedReduction.CreateAsync("small");
        var outDir = Path.Combine(p.Folder, "reduced");
        var reducerTemps = ReducerTempFolders();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = p.Folder };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"));
        foreach (var a in Args(p, outDir, "10m")) psi.ArgumentList.Add(a);
        using var reduce = Process.Start(psi)!;
        var stderr = reduce.StandardError.ReadToEndAsync();
        _ = reduce.StandardOutput.ReadToEndAsync();
        // Stop it once a few candidates were checked (the reducer is then mid-step).
        var steps = Path.Combine(outDir, "steps.jsonl");
        var watch = Stopwatch.StartNew();
        while ((!File.Exists(steps) || File.ReadAllLines(steps).Length < 4) && watch.Elapsed < TimeSpan.FromMinutes(2) && !reduce.HasExited)
            await Task.Delay(200);
        if (reduce.HasExited) Assert.Fail("reduce ended before it was stopped: " + await stderr);
        using (var kill = Process.Start("kill", ["-TERM", reduce.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.True(reduce.WaitForExit(TimeSpan.FromSeconds(30)), "reduce did not end after SIGTERM");

        // The folder holds whole files of the last kept program: it builds, its module is there, best.json names it.
        var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "best.json"))).RootElement;
        Assert.Equal(Lines(Path.Combine(outDir, "small.c")), best.GetProperty("size").GetProperty("lines").GetInt32());
        Assert.Contains("popcount", File.ReadAllText(Path.Combine(outDir, "small.c")));
        Assert.True(new FileInfo(Path.Combine(outDir, "reduced.wasm")).Length > 8);
        Assert.Equal("interrupted", JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))).RootElement.GetProperty("end").GetString());
        // Nothing it started is left running, and the reducer's temporary folders are in the work folder, not the system's.
        await Task.Delay(1000);
        Assert.Empty(LiveProcesses.Mentioning(outDir));
        Assert.Empty(ReducerTempFolders().Except(reducerTemps));
        Assert.NotEmpty(Directory.EnumerateDirectories(Path.Combine(outDir, ".reduce", "tmp")));
    }

    /// <summary>C-Vise's temporary folders in the system's temp folder (it names them <c>cvise-*</c> and leaves them when killed).</summary>
    private static string[] ReducerTempFolders() => Directory.GetDirectories(Path.GetTempPath(), "cvise-*");
}
