using System.Text.Json;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Workflows;

/// <summary>
/// <c>compare</c> and <c>bisect</c> end to end: the real CLI, wasm3 from ../shared/runtimes, and a planted user runtime
/// (bench/injected-slowdown/inject.sh) that runs chosen cases twice — a known slowdown of about 2× on those cases only.
/// </summary>
public class CompareCliTests
{
    private static readonly string Corpus = Path.Combine(TestPaths.RepoRoot, "corpus");

    /// <summary>A config with wasm3, <c>wasm3-planted</c>, which runs the cases matching <paramref name="planted"/> twice, and
    /// <c>wasm3-wrapped</c>: the same wrapper planting nothing, so that the wrapper's own CPU time (sh, grep) is on both sides.</summary>
    private static string Config(string planted)
    {
        var wasm3 = SharedRuntimes.Find("wasm3")!;
        var inject = Path.Combine(TestPaths.RepoRoot, "bench", "injected-slowdown", "inject.sh");
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfdiff-compare-").FullName, "wasm-perfdiff.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            paths = new Dictionary<string, string> { ["wasm3"] = wasm3 },
            runtimes = new[]
            {
                new { name = "wasm3-planted", engine = "wasm3", tier = "interp", command = new[] { inject, planted, "{wasm}", "--", wasm3, "{wasm}", "{args}" } },
                new { name = "wasm3-wrapped", engine = "wasm3", tier = "interp", command = new[] { inject, "no-such-case", "{wasm}", "--", wasm3, "{wasm}", "{args}" } },
            },
        }));
        return path;
    }

    private static string TempDb() => Path.Combine(Directory.CreateTempSubdirectory("perfdiff-compare-db-").FullName, "compare.db");

    private static Dictionary<string, string> Verdicts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("case").GetString()!, c => c.GetProperty("verdict").GetString()!);
    }

    /// <remarks>On CPU time: on this project's loaded 2-core machine (load average 20 and more) the wall time of a
    /// run is mostly waiting for a core, and a doubled case is often still unsure after 20 runs per side. At least 10 runs
    /// per side: a planted case settles after the minimum of 5 on a quiet machine, and at 5 runs the stopping rule's 99 %
    /// interval and the final 95 % one (other bootstrap draws) can fall on either side of the threshold when the suite's
    /// parallel tests load the machine (seen once in CI: queens `unsure`).</remarks>
    [RequiresSharedRuntimesFact]
    public void The_planted_cases_are_slower_the_others_are_not_and_fail_on_slower_exits_1()
    {
        var config = Config("fib|queens");
        var db = TempDb();
        var md = Path.Combine(Path.GetDirectoryName(db)!, "pr.md");
        var r = CliProcess.Run("compare", "wasm3-wrapped", "wasm3-planted", "--metric", "cpu", "--config", config, "--corpus", Corpus, "--cases", "fib,queens,towers",
            "--size", "test", "--min-runs", "10", "--max-runs", "40", "--seed", "5", "--db", db, "--fail-on", "slower", "--markdown", md, "--json");
        Assert.True(r.ExitCode == 1, r.Stderr);
        var verdicts = Verdicts(r.Stdout);
        Assert.Equal("slower", verdicts["fib"]);
        Assert.Equal("slower", verdicts["queens"]);
        Assert.Contains(verdicts["towers"], new[] { "same", "unsure" });
        Assert.Contains("| fib | slower |", File.ReadAllText(md));

        // Stored like any campaign: the report shows the compare section with its forest plot, export gives the PR Markdown.
        var html = Path.Combine(Path.GetDirectoryName(db)!, "report.html");
        Assert.Equal(0, CliProcess.Run("report", "--db", db, "--out", html).ExitCode);
        var page = File.ReadAllText(html);
        Assert.Contains("id=\"compare\"", page);
        Assert.Contains("id=\"chart-compare\"", page);
        var export = CliProcess.Run("export", "--db", db, "--format", "md");
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("wasm-perfdiff compare: `wasm3-planted` against `wasm3-wrapped`", export.Stdout);
    }

    [RequiresSharedRuntimesFact]
    public void The_same_runtime_on_both_sides_calls_no_case_slower_or_faster()
    {
        var r = CliProcess.Run("compare", "wasm3", "wasm3", "--config", Config("none"), "--corpus", Corpus, "--cases", "fib,towers,queens",
            "--size", "test", "--max-runs", "10", "--seed", "6", "--db", TempDb(), "--fail-on", "changed", "--json");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.All(Verdicts(r.Stdout).Values, v => Assert.Contains(v, new[] { "same", "unsure" }));
        Assert.Contains("\"candidate\": \"wasm3+again\"", r.Stdout);
    }

    [RequiresSharedRuntimesFact]
    public void Bisect_finds_the_step_where_the_planted_runtime_enters_the_list()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-bisect-").FullName;
        var r = CliProcess.Run("bisect", "--case", "fib", "--versions", "wasm3-wrapped,wasm3-wrapped,wasm3-planted,wasm3-planted", "--config", Config("fib"), "--metric", "cpu",
            "--corpus", Corpus, "--size", "test", "--max-runs", "12", "--seed", "7", "--dir", Path.Combine(dir, "steps"), "--json");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("found", root.GetProperty("end").GetString());
        Assert.Equal("wasm3-planted (#3)", root.GetProperty("first_slow").GetString());
        Assert.Equal("wasm3-wrapped (#2)", root.GetProperty("last_good").GetString());
        Assert.StartsWith("first slow version wasm3-planted (#3) (×", root.GetProperty("message").GetString());
        // The slow end first, then the middle (and, when that is unsure against the baseline, the slow end against the middle).
        Assert.InRange(root.GetProperty("steps").GetArrayLength(), 2, 4);
    }

    [Fact]
    public void Bad_input_is_refused_on_one_line_with_exit_2()
    {
        var db = TempDb();
        void OneLine(CliProcess.Result r, string expected)
        {
            Assert.True(r.ExitCode == 2, r.Stdout + r.Stderr);
            var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.Contains(expected, lines[0]);
        }
        OneLine(CliProcess.Run("compare", "wasmtime-winch", "wasmtime-pulley", "--threshold", "0", "--db", db), "--threshold");
        OneLine(CliProcess.Run("compare", "wasmtime-winch", "no-such-runtime", "--db", db), "unknown runtime 'no-such-runtime'");
        OneLine(CliProcess.Run("compare", "wasmtime-winch", "wasmtime-pulley", "--fail-on", "sometimes", "--db", db), "'sometimes'");
        OneLine(CliProcess.Run("bisect", "--case", "fib", "--versions", "wasmtime-winch", "--dir", Path.Combine(Path.GetDirectoryName(db)!, "b")), "at least two versions");
        OneLine(CliProcess.Run("bisect", "--case", "no-such-case", "--versions", "wasmtime-winch,wasmtime-pulley", "--dir", Path.Combine(Path.GetDirectoryName(db)!, "b")), "no-such-case");
        Assert.False(File.Exists(db));
    }
}
