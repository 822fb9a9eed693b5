using System.Runtime.InteropServices;
using System.Text;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Host;
using WasmPerfDiff.Store;
using WasmPerfDiff.Tests.Campaigns;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Host;

/// <summary>
/// Issue 22, item 4 and the file part of item 10: a FIFO, a device or a link to /dev/zero given as any input is
/// refused in one line saying what it is (exit 2), at once. On main each of these hung forever (a FIFO), spun a core
/// (a corpus module linked to /dev/zero) or ended as an internal error; a hang here fails by the one-minute limit.
/// </summary>
public class SpecialInputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    private static void RefusedAs(string kind, string[] args, IReadOnlyDictionary<string, string>? env = null)
    {
        var r = CliProcess.RunWith(null, Limit, env, args);
        Assert.True(r.ExitCode == 2, $"{string.Join(' ', args)}: exit {r.ExitCode}, {r.Stderr}");
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(kind, line);
    }

    [Fact]
    public async Task Fifos_given_as_databases_configs_modules_stdin_and_findings_are_refused_at_once()
    {
        var files = new SpecialFiles();
        var fifo = files.Fifo;
        var hello = TestModules.Wat("hello");
        RefusedAs("FIFO", ["report", "--db", fifo, "--out", Path.Combine(files.Dir, "r.html")]);
        RefusedAs("FIFO", ["export", "--db", fifo, "--format", "csv"]);
        RefusedAs("FIFO", ["analyze", "--db", fifo]);
        RefusedAs("FIFO", ["import", "db", fifo, "--db", Path.Combine(files.Dir, "merged.db")]);
        RefusedAs("FIFO", ["exec", fifo, "-r", "wasmtime-cranelift"]);
        RefusedAs("FIFO", ["exec", hello, "-r", "wasmtime-cranelift", "--stdin", fifo, "--timeout", "5"]);
        RefusedAs("FIFO", ["doctor", "--config", fifo]);
        RefusedAs("FIFO", ["doctor"], new Dictionary<string, string> { ["WASM_PERFDIFF_CONFIG"] = fifo });

        // findings.json of a profile folder, read by report --flame-graphs.
        var db = TestCases.TempDb();
        using (var store = CampaignStore.Open(db))
            await new CampaignScheduler(store, new CampaignSettings { Warmup = 0, MinRuns = 3, MaxRuns = 3, Seed = 1 }, null, FakeRuntime.Execute)
                .RunAsync(TestCases.Make(2), [new FakeRuntime("rt-a"), new FakeRuntime("rt-b")], resume: false);
        var profiles = Directory.CreateTempSubdirectory("perfdiff-fifo-profiles-").FullName;
        Assert.Equal(0, mkfifo(Path.Combine(profiles, "findings.json"), 0x1A4));
        RefusedAs("FIFO", ["report", "--db", db, "--out", Path.Combine(profiles, "r.html"), "--flame-graphs", profiles, "--constructs", db]);
        Assert.False(File.Exists(Path.Combine(profiles, "r.html")));
        files.AssertUnchanged(fifo);
    }

    [Fact]
    public void A_foreign_corpus_with_a_module_linked_to_dev_zero_or_a_fifo_sidecar_is_refused_naming_the_file()
    {
        var corpus = Directory.CreateTempSubdirectory("perfdiff-special-corpus-").FullName;
        File.Copy(TestModules.Wat("hello"), Path.Combine(corpus, "hello.wasm"));
        File.CreateSymbolicLink(Path.Combine(corpus, "zero.wasm"), "/dev/zero");
        var db = Path.Combine(corpus, "c.db");
        RefusedAs("zero.wasm' is a character device", ["run", "--corpus", corpus, "--db", db, "-r", "wasmtime-cranelift"]);
        File.Delete(Path.Combine(corpus, "zero.wasm"));
        Assert.Equal(0, mkfifo(Path.Combine(corpus, "hello.args"), 0x1A4));
        RefusedAs("hello.args' is a FIFO", ["run", "--corpus", corpus, "--db", db, "-r", "wasmtime-cranelift"]);
        File.Delete(Path.Combine(corpus, "hello.args"));
        File.CreateSymbolicLink(Path.Combine(corpus, "hello.stdin"), "/dev/zero");
        RefusedAs("hello.stdin' is a character device", ["run", "--corpus", corpus, "--db", db, "-r", "wasmtime-cranelift"]);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void Dev_zero_as_a_module_or_a_warpdiff_csv_is_bad_input_not_an_internal_error()
    {
        RefusedAs("character device", ["exec", "/dev/zero", "-r", "wasmtime-cranelift"]);
        var warp = Directory.CreateTempSubdirectory("perfdiff-special-warp-").FullName;
        var csvDir = Path.Combine(warp, "profiling_data", "O2", "suite", "total_time");
        Directory.CreateDirectory(csvDir);
        File.CreateSymbolicLink(Path.Combine(csvDir, "total_time_wasmtime.csv"), "/dev/zero");
        RefusedAs("total_time_wasmtime.csv' is a character device", ["import", "warpdiff", warp, "--db", Path.Combine(warp, "w.db")]);
        Assert.False(File.Exists(Path.Combine(warp, "w.db")));
    }

    [Fact]
    public void A_database_linked_to_a_device_is_refused_and_leaves_no_journal()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-special-link-").FullName;
        var db = Path.Combine(dir, "c.db");
        File.CreateSymbolicLink(db, "/dev/null");
        RefusedAs("character device", ["report", "--db", db, "--out", Path.Combine(dir, "r.html")]);
        RefusedAs("character device", ["run", "--db", db, "-r", "wasmtime-cranelift", "--cases", "fib"]);
        RefusedAs("character device", ["import", "db", db, "--db", Path.Combine(dir, "m.db")]);
        Assert.Equal(["c.db"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_corpus_file_whose_name_is_not_utf8_is_skipped_with_a_warning_and_the_rest_runs()
    {
        var corpus = Directory.CreateTempSubdirectory("perfdiff-special-utf8-").FullName;
        var hello = TestModules.Wat("hello");
        File.Copy(hello, Path.Combine(corpus, "hello.wasm"));
        // A Latin-1 name, as an old archive leaves it: the byte 0xFF is not UTF-8. .NET cannot spell it, so libc copies it.
        var bad = Encoding.UTF8.GetBytes(Path.Combine(corpus, "caf")).Concat(new byte[] { 0xFF }).Concat(".wasm\0"u8.ToArray()).ToArray();
        Assert.Equal(0, link(Encoding.UTF8.GetBytes(hello + "\0"), bad));
        var db = Path.Combine(corpus, "c.db");
        var r = CliProcess.RunWith(null, TimeSpan.FromMinutes(3), null, "run", "--corpus", corpus, "--db", db, "-r", "wasmtime-cranelift", "--max-runs", "3", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("warning: skipping 'caf", r.Stderr);
        Assert.Contains("not valid UTF-8", r.Stderr);
        using var store = CampaignStore.OpenReadOnly(db);
        Assert.Equal(["hello"], store.Cases().Select(c => c.Name));
    }

    [Fact]
    public void InputFile_refuses_what_is_not_a_regular_file_and_bounds_what_it_reads()
    {
        var files = new SpecialFiles();
        Assert.Contains("is a FIFO", Assert.Throws<BadInputException>(() => InputFile.ReadAllText(files.Fifo, "Config", "runtime config")).Message);
        Assert.Contains("is a directory", Assert.Throws<BadInputException>(() => InputFile.RequireRegular(files.Dir, "Config", "runtime config")).Message);
        var dangling = Path.Combine(files.Dir, "dangling.json");
        File.CreateSymbolicLink(dangling, Path.Combine(files.Dir, "missing.json"));
        Assert.Contains("symbolic link to a missing file", Assert.Throws<BadInputException>(() => InputFile.RequireRegular(dangling, "Config", "runtime config")).Message);
        var big = Path.Combine(files.Dir, "big.json");
        using (var s = File.Create(big)) s.SetLength(InputFile.TextMaxBytes + 1); // sparse: no disk used
        var tooBig = Assert.Throws<BadInputException>(() => InputFile.ReadAllText(big, "Config", "runtime config"));
        Assert.Contains("more than", tooBig.Message);
        Assert.Equal("Config", tooBig.Field);
        Assert.Equal("", InputFile.ReadAllText(files.Empty, "Config", "runtime config"));
    }

    [DllImport("libc", SetLastError = true)] private static extern int mkfifo(string path, uint mode);
    [DllImport("libc", SetLastError = true)] private static extern int link(byte[] existing, byte[] newPath);
}
