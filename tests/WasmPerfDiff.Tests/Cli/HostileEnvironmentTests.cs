using Microsoft.Data.Sqlite;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Cli;

/// <summary>
/// The tool in an environment that fights it (issue 22): a full or closed stdout/stderr, a TMPDIR that cannot be
/// used. The real CLI as a child process, real Wasmtime runs, real SQLite files.
/// </summary>
public class HostileEnvironmentTests
{
    private static string[] SmallRun(string db) =>
    [
        "run", "--corpus", Path.Combine(TestPaths.RepoRoot, "corpus"), "--cases", "fib", "--size", "test", "--db", db,
        "--runtime", "wasmtime-cranelift", "--warmup", "0", "--min-runs", "2", "--max-runs", "2", "--seed", "1",
    ];

    private static long Runs(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM run";
        return (long)cmd.ExecuteScalar()!;
    }

    private static string NewFolder(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    [Fact]
    public void Stderr_on_a_full_device_neither_aborts_a_verb_nor_loses_a_campaign()
    {
        var usage = CliProcess.RunRedirected("2>/dev/full", null, "doctor", "--no-such-option");
        Assert.Equal(2, usage.ExitCode); // was 134: the error about stderr written to stderr again, SIGABRT

        var db = Path.Combine(NewFolder("perfdiff-full-"), "campaign.db");
        var run = CliProcess.RunRedirected("2>/dev/full", null, SmallRun(db));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}");
        Assert.Equal(2, Runs(db));
    }

    [Theory]
    [InlineData(">/dev/full")]
    [InlineData(">&-")]
    public void A_full_or_closed_stdout_is_one_line_naming_stdout_and_exit_2(string redirection)
    {
        var db = Path.Combine(NewFolder("perfdiff-stdout-"), "campaign.db");
        Assert.Equal(0, CliProcess.Run(SmallRun(db)).ExitCode);

        var export = CliProcess.RunRedirected(redirection, null, "export", "--db", db, "--format", "csv");
        Assert.Equal(2, export.ExitCode);
        var line = Assert.Single(export.Stderr.Trim().Split('\n'));
        Assert.StartsWith("wasm-perfdiff: cannot write to stdout: ", line);
    }

    public static TheoryData<string> UnusableTempFolders()
    {
        var file = Path.Combine(NewFolder("perfdiff-tmpfile-"), "not-a-folder");
        File.WriteAllText(file, "x");
        // Root may write into any folder whatever its mode; /proc refuses new files to everyone.
        var readOnly = NewFolder("perfdiff-tmpro-");
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return new TheoryData<string>
        {
            Path.Combine(NewFolder("perfdiff-tmpgone-"), "missing"),
            file,
            Environment.UserName == "root" ? "/proc" : readOnly,
        };
    }

    [Theory]
    [MemberData(nameof(UnusableTempFolders))]
    public void An_unusable_TMPDIR_is_one_line_naming_it_exit_2_and_nothing_stored(string tmpdir)
    {
        var folder = NewFolder("perfdiff-tmpdir-");
        var db = Path.Combine(folder, "campaign.db");
        var r = CliProcess.RunWith(null, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["TMPDIR"] = tmpdir }, SmallRun(db));
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Contains($"TMPDIR '{tmpdir}'", line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }
}
