using System.Text.Json;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>
/// A case that needs files: a foreign corpus's <c>NAME.dir</c> names a directory that every run of the case gets
/// preopened, so a program reading a data file runs ok in a real campaign; without it the same program finds nothing.
/// </summary>
public class PreopenCorpusTests
{
    [Fact]
    public void A_case_with_a_dir_sidecar_reads_its_file_in_a_campaign_and_fails_without_it()
    {
        var root = Directory.CreateTempSubdirectory("perfdiff-preopen-").FullName;
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
            File.WriteAllText(Path.Combine(data, "input.txt"), "the guest read this\n");
            var corpus = Directory.CreateDirectory(Path.Combine(root, "corpus")).FullName;
            foreach (var name in new[] { "with-dir", "without-dir" })
            {
                File.Copy(TestModules.C("readfile"), Path.Combine(corpus, name + ".wasm"));
                File.WriteAllText(Path.Combine(corpus, name + ".args"), Path.Combine(data, "input.txt") + "\n");
                File.WriteAllText(Path.Combine(corpus, name + ".expected"), "the guest read this\n");
            }
            File.WriteAllText(Path.Combine(corpus, "with-dir.dir"), "../data\n");

            var r = CliProcess.Run("run", "--corpus", corpus, "--runtime", "wasmtime-cranelift", "--max-runs", "3", "--warmup", "0",
                "--db", Path.Combine(root, "c.db"), "--json");
            var cells = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("validation").GetProperty("cells").EnumerateArray()
                .ToDictionary(c => c.GetProperty("case").GetString()!);
            Assert.Equal("ok", cells["with-dir"].GetProperty("status").GetString());
            Assert.False(cells["with-dir"].GetProperty("output_differs").GetBoolean());
            Assert.Equal("exit-nonzero", cells["without-dir"].GetProperty("status").GetString());
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_dir_sidecar_naming_no_directory_is_one_line_of_bad_input()
    {
        var corpus = Directory.CreateTempSubdirectory("perfdiff-preopen-bad-").FullName;
        try
        {
            File.Copy(TestModules.C("readfile"), Path.Combine(corpus, "x.wasm"));
            File.WriteAllText(Path.Combine(corpus, "x.dir"), "no-such-folder\n");
            var r = CliProcess.Run("run", "--corpus", corpus, "--runtime", "wasmtime-cranelift", "--db", Path.Combine(corpus, "c.db"));
            Assert.Equal(2, r.ExitCode);
            var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("x.dir", line);
            Assert.Contains("not a directory", line);
            Assert.False(File.Exists(Path.Combine(corpus, "c.db")));
        }
        finally { Directory.Delete(corpus, recursive: true); }
    }
}
