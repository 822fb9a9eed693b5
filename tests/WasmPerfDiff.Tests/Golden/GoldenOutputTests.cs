using System.Text.RegularExpressions;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Golden;

/// <summary>
/// Every verb that reads a campaign database, run through the real CLI on two fixed databases
/// (<c>Fixtures/golden</c>: a campaign of 10 cases × 5 real runtimes and a compare of two Wasmtime tiers), and its
/// <c>--json</c> output and every file it writes compared byte for byte with <c>Fixtures/golden/expected</c>.
/// A refactor that changes what a user sees fails here.
/// <para>
/// Masked, because they vary from run to run and from machine to machine and nothing else does: the temporary
/// folder the verbs run in (written <c>&lt;dir&gt;</c>), and the report footer's generation time and the running
/// tool's version (<c>Generated &lt;time&gt; by wasm-perfdiff &lt;version&gt;</c>). The campaign's own times, host and
/// tool version are data of the fixture and stay.
/// </para>
/// <para>
/// To regenerate the expected files after a change that is meant to show (say why in the commit):
/// <c>WASM_PERFDIFF_UPDATE_GOLDEN=1 dotnet test --no-build --filter "FullyQualifiedName~GoldenOutputTests"</c>.
/// </para>
/// </summary>
public sealed partial class GoldenOutputTests
{
    private static string Fixture => Path.Combine(TestPaths.Fixtures, "golden");
    private static string Expected => Path.Combine(Fixture, "expected");
    private static bool Update => Environment.GetEnvironmentVariable("WASM_PERFDIFF_UPDATE_GOLDEN") == "1";

    /// <summary>One golden case: the CLI's arguments, where its stdout goes, and the files it writes.</summary>
    public sealed record Case(string Name, string[] Args, string? Stdout, params string[] Files)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    [
        new("analyze", ["analyze", "--db", "campaign.db", "--json"], "analyze.json"),
        new("analyze-warpdiff-method", ["analyze", "--db", "campaign.db", "--method", "warpdiff", "--json"], "analyze-warpdiff-method.json"),
        new("analyze-load", ["analyze", "--db", "campaign.db", "--phase", "load", "--top", "3", "--json"], "analyze-load.json"),
        new("analyze-runtimes", ["analyze", "--db", "campaign.db", "--runtimes", "wasm3,wasmtime-cranelift,wasmtime-winch,v8-liftoff", "--floor-ms", "1", "--json"], "analyze-runtimes.json"),
        // --runtime is analyze's option since issue 23; the old spelling --runtimes (above) is kept as an alias and gives the same.
        new("analyze-runtime", ["analyze", "--db", "campaign.db", "--runtime", "wasm3,wasmtime-cranelift", "-r", "wasmtime-winch", "--runtime", "v8-liftoff", "--floor-ms", "1", "--json"], "analyze-runtimes.json"),
        new("analyze-published", ["analyze", "--warpdiff", "<warpdiff>", "--json"], "analyze-published.json"),
        new("report", ["report", "--db", "campaign.db", "--out", "report.html", "--md", "report.md", "--json"], "report.json", "report.html", "report.md"),
        new("report-compare", ["report", "--db", "compare.db", "--out", "compare-report.html", "--md", "compare-report.md", "--json"], "compare-report.json", "compare-report.html", "compare-report.md"),
        new("export-csv", ["export", "--db", "campaign.db", "--format", "csv", "--out", "export.csv"], null, "export.csv"),
        new("export-json", ["export", "--db", "campaign.db", "--format", "json", "--out", "export.json"], null, "export.json"),
        new("export-md", ["export", "--db", "campaign.db", "--format", "md", "--out", "export.md"], null, "export.md"),
        new("export-stdout", ["export", "--db", "campaign.db", "--format", "md"], "export-stdout.md"),
        new("export-compare-md", ["export", "--db", "compare.db", "--format", "md", "--out", "compare.md"], null, "compare.md"),
        new("export-compare-csv", ["export", "--db", "compare.db", "--format", "csv", "--out", "compare.csv"], null, "compare.csv"),
    ];

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Output_is_byte_identical_to_the_checked_in_file(string name)
    {
        var @case = Cases.Single(c => c.Name == name);
        var dir = Directory.CreateTempSubdirectory("perfdiff-golden-").FullName;
        foreach (var db in new[] { "campaign.db", "compare.db" }) File.Copy(Path.Combine(Fixture, db), Path.Combine(dir, db));
        var args = @case.Args.Select(a => a == "<warpdiff>" ? TestPaths.WarpDiffData : a).ToArray();

        var result = CliProcess.RunIn(dir, TimeSpan.FromMinutes(2), args);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");

        var outputs = @case.Files.Select(f => (File: f, Text: File.ReadAllText(Path.Combine(dir, f)))).ToList();
        if (@case.Stdout is { } stdout) outputs.Add((stdout, result.Stdout));
        foreach (var (file, text) in outputs)
        {
            var actual = Mask(text, dir);
            var expectedPath = Path.Combine(Expected, file);
            if (Update) File.WriteAllText(expectedPath, actual);
            Assert.True(File.Exists(expectedPath), $"no golden file {file}: run with WASM_PERFDIFF_UPDATE_GOLDEN=1 to write it");
            var expected = File.ReadAllText(expectedPath);
            Assert.True(expected == actual, $"{file} differs from the golden file at {FirstDifference(expected, actual)}");
        }
    }

    [GeneratedRegex(@"Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC by wasm-perfdiff \S+?(?=\.?\s|$)")]
    private static partial Regex Footer();

    private static string Mask(string text, string dir) =>
        Footer().Replace(text.Replace(TestPaths.WarpDiffData, "<warpdiff>").Replace(dir, "<dir>"), "Generated <time> by wasm-perfdiff <version>");

    private static string FirstDifference(string expected, string actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
        string Around(string s) => s.Substring(Math.Max(0, i - 60), Math.Min(s.Length, i + 60) - Math.Max(0, i - 60));
        return $"char {i}:\n  expected …{Around(expected)}…\n  actual   …{Around(actual)}…";
    }
}
