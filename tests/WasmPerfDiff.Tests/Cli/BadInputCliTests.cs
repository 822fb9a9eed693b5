using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Cli;

/// <summary>Bad input from the command line: one line naming the input and the problem, exit 2, nothing left behind.</summary>
public class BadInputCliTests
{
    private static void OneLine(CliProcess.Result r, params string[] expected)
    {
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("wasm-perfdiff: ", lines[0]);
        foreach (var e in expected) Assert.Contains(e, lines[0]);
    }

    [Fact]
    public void Option_values_of_the_wrong_type_name_the_option_not_a_dotnet_type()
    {
        OneLine(CliProcess.Run("run", "--seed", "abc"), "--seed", "'abc'", "whole number");
        OneLine(CliProcess.Run("frobnicate"), "unknown verb 'frobnicate'", "run");
        OneLine(CliProcess.Run("run", "--size", "huge"), "--size", "'huge'", "test, default");
        OneLine(CliProcess.Run("compare", "a", "b", "--fail-on", "sometimes"), "--fail-on", "'sometimes'", "slower, changed");
    }

    [Fact]
    public void Durations_beyond_what_a_timer_holds_are_refused_before_anything_runs()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-cli-bad-").FullName;
        var db = Path.Combine(dir, "x.db");
        foreach (var t in new[] { "1e12", "1e308", "nan", "4294968", "1e9" })
            OneLine(CliProcess.Run("run", "--timeout", t, "--db", db), "--timeout");
        OneLine(CliProcess.Run("run", "--max-time", "99999999999h", "--db", db), "--max-time");
        Assert.False(File.Exists(db)); // a rejected run leaves no database behind
    }

    [Fact]
    public void Output_paths_that_cannot_be_written_are_refused_with_the_reason()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-cli-out-").FullName;
        var file = Path.Combine(dir, "afile");
        File.WriteAllText(file, "x");
        OneLine(CliProcess.Run("export", "--db", "nonexistent.db", "--format", "csv", "--out", "/proc/x.csv"), "--out", "/proc");
        OneLine(CliProcess.Run("export", "--db", "nonexistent.db", "--format", "csv", "--out", Path.Combine(file, "x.csv")), "--out", "is a file");
        OneLine(CliProcess.Run("report", "--db", "nonexistent.db", "--out", dir), "--out", "directory");
        OneLine(CliProcess.Run("report", "--db", "nonexistent.db", "--out", ""), "--out", "empty");
        Assert.Equal(["afile"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_rejected_profile_or_demo_creates_no_output_folder()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-cli-nofolder-").FullName;
        var bad = Path.Combine(dir, "bad.wasm");
        File.WriteAllText(bad, "not a module");
        OneLine(CliProcess.Run("profile", "--wasm", bad, "-r", "wasmtime-winch", "--out", Path.Combine(dir, "p", "q")), "bad.wasm");
        OneLine(CliProcess.Run("demo", "--runtime", "no-such-runtime", "--out", Path.Combine(dir, "d", "e")), "no-such-runtime");
        Assert.Equal(["bad.wasm"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }
}
