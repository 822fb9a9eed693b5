using System.Diagnostics;
using System.Text.Json;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Cli;

/// <summary>
/// The tool in an environment that fights it (issue 22): a full or closed stdout/stderr, a TMPDIR that cannot be
/// used. The real CLI as a child process, real Wasmtime runs, real SQLite files.
/// </summary>
public class HostileEnvironmentTests
{
    private static string NewFolder(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    [Fact]
    public void Stderr_on_a_full_device_neither_aborts_a_verb_nor_loses_a_campaign()
    {
        var usage = CliProcess.RunRedirected("2>/dev/full", null, "doctor", "--no-such-option");
        Assert.Equal(2, usage.ExitCode); // was 134: the error about stderr written to stderr again, SIGABRT

        var db = Path.Combine(NewFolder("perfdiff-full-"), "campaign.db");
        var run = CliProcess.RunRedirected("2>/dev/full", null, SmallCampaign.RunArgs(db));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}");
        Assert.Equal(2, SmallCampaign.StoredRuns(db));
    }

    [Theory]
    [InlineData(">/dev/full")]
    [InlineData(">&-")]
    public void A_full_or_closed_stdout_is_one_line_naming_stdout_and_exit_2(string redirection)
    {
        var db = Path.Combine(NewFolder("perfdiff-stdout-"), "campaign.db");
        Assert.Equal(0, CliProcess.Run(SmallCampaign.RunArgs(db)).ExitCode);

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
        var r = CliProcess.RunWith(null, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["TMPDIR"] = tmpdir }, SmallCampaign.RunArgs(db));
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Contains($"TMPDIR '{tmpdir}'", line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void A_probe_module_planted_under_TMPDIR_does_not_change_doctors_answer()
    {
        var before = DoctorAvailability(NewFolder("perfdiff-clean-"));
        // Another user's plant: the old shared path $TMPDIR/wasm-perfdiff-probe as a link to a folder of theirs,
        // holding a "probe module" by the very name the tool uses.
        var tmp = NewFolder("perfdiff-planted-");
        var theirs = NewFolder("perfdiff-plant-");
        var planted = Path.Combine(theirs, Path.GetFileName(RuntimeProbe.ModulePath));
        File.WriteAllText(planted, "not a wasm module");
        File.CreateSymbolicLink(Path.Combine(tmp, "wasm-perfdiff-probe"), theirs);

        Assert.Equal(before, DoctorAvailability(tmp));
        Assert.Contains(before, r => r.Value); // the answer compared is about runtimes that ran the probe here
        Assert.Equal("not a wasm module", File.ReadAllText(planted));
    }

    /// <summary>Each runtime doctor knows (the shared command-line runtimes too, when this machine has them) → available.</summary>
    private static SortedDictionary<string, bool> DoctorAvailability(string tmpdir)
    {
        string[] config = SharedRuntimes.MissingReason is null ? ["--config", SharedRuntimes.ConfigPath] : [];
        var r = CliProcess.RunWith(null, TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["TMPDIR"] = tmpdir }, [.. config, "doctor", "--json"]);
        return new(JsonDocument.Parse(r.Stdout).RootElement.GetProperty("runtimes").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("available").GetBoolean()));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("folder")]
    public void WASM_PERFDIFF_CONFIG_naming_a_missing_file_or_a_folder_is_refused_like_config(string kind)
    {
        var folder = NewFolder("perfdiff-envconfig-");
        var named = kind == "folder" ? folder : Path.Combine(folder, "nope.json");
        var r = CliProcess.RunWith(null, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["WASM_PERFDIFF_CONFIG"] = named },
            "exec", TestModules.Wat("hello"), "--runtime", "wasmtime-cranelift");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Contains($"$WASM_PERFDIFF_CONFIG names '{named}'", line);
    }

    [Fact]
    public async Task A_tool_killed_with_sigkill_leaves_no_dotnet_ipc_files_in_TMPDIR()
    {
        var tmp = NewFolder("perfdiff-ipc-");
        var db = Path.Combine(NewFolder("perfdiff-ipcdb-"), "campaign.db");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"), .. SmallCampaign.RunArgs(db)[..^6], "--min-runs", "50", "--max-runs", "50"])
            psi.ArgumentList.Add(a);
        psi.Environment["TMPDIR"] = tmp;
        using var p = Process.Start(psi)!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!p.HasExited && (!File.Exists(db) || SmallCampaign.StoredRuns(db) < 1))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the campaign made no progress");
            await Task.Delay(50);
        }
        Assert.False(p.HasExited, "the campaign ended before the kill");
        p.Kill(); // SIGKILL: no chance to clean up
        await p.WaitForExitAsync();

        var left = Directory.EnumerateFileSystemEntries(tmp).Select(Path.GetFileName)
            .Where(n => n!.StartsWith("dotnet-diagnostic-") || n.StartsWith("clr-debug-pipe-")).ToList();
        Assert.Empty(left); // were three per kill: the diagnostic socket and the debugger's two pipes
    }
}
