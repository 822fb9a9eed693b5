using System.Text.Json;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Tests.Support;
using WasmPerfDiff.Campaigns.Calibration;

namespace WasmPerfDiff.Tests.Corpus;

public class CalibrationTests
{
    [Theory]
    [InlineData(1.0, 1.0)]      // linear
    [InlineData(1e-6, 3.0)]     // cubic (gemm-like)
    [InlineData(1e-3, 2.0)]     // quadratic
    public async Task The_search_lands_within_2x_of_the_target_for_polynomial_costs(double scale, double power)
    {
        var found = await SizeSearch.FindAsync(10, 500, n => Task.FromResult<double?>(scale * Math.Pow(n, power)));
        Assert.NotNull(found);
        Assert.InRange(found.Value.Ms, 250, 1000);
    }

    [Fact]
    public async Task When_one_step_is_too_coarse_the_closest_size_wins()
    {
        // Factorial cost (fannkuch-like): 9! ms = 362 s, 6! = 0.72 s, 5! = 0.12 s; target 0.3 s → 6 is closest.
        static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
        var found = await SizeSearch.FindAsync(9, 300, n => Task.FromResult<double?>(Factorial(n)));
        Assert.Equal(6, found!.Value.Size);
    }

    [Fact]
    public async Task A_size_at_which_the_program_fails_is_not_chosen()
    {
        var found = await SizeSearch.FindAsync(100, 500, n => Task.FromResult<double?>(n > 300 ? null : n));
        Assert.NotNull(found);
        Assert.True(found.Value.Size <= 300);
    }

    [Fact]
    public async Task A_timeout_at_double_the_size_bounds_the_search_instead_of_ending_it()
    {
        // Exponential cost (fib-like): 24 → 1 ms, 48 → a timeout; the target 16 ms lies at 30.
        var found = await SizeSearch.FindAsync(24, 16, n => Task.FromResult<double?>(n >= 40 ? null : Math.Pow(1.6, n - 24)));
        Assert.NotNull(found);
        Assert.InRange(found.Value.Ms, 8, 32);
    }

    [Fact]
    public void Calibrate_records_a_new_default_size_with_the_expected_output_of_that_size()
    {
        var copy = Directory.CreateTempSubdirectory("perfdiff-calibrate-").FullName;
        var source = Path.Combine(TestPaths.RepoRoot, "corpus");
        File.Copy(Path.Combine(source, CorpusManifest.FileName), Path.Combine(copy, CorpusManifest.FileName));
        var sieve = CorpusManifest.Load(Path.Combine(copy, CorpusManifest.FileName)).Cases.Single(c => c.Name == "sieve");
        Directory.CreateDirectory(Path.Combine(copy, Path.GetDirectoryName(sieve.Wasm)!));
        File.Copy(Path.Combine(source, sieve.Wasm), Path.Combine(copy, sieve.Wasm));
        if (sieve.Source is not null)
        {
            Directory.CreateDirectory(Path.Combine(copy, Path.GetDirectoryName(sieve.Source)!));
            File.Copy(Path.Combine(source, sieve.Source), Path.Combine(copy, sieve.Source));
        }
        CopyDirectory(Path.Combine(source, "include"), Path.Combine(copy, "include"));

        // A tiny target forces a change from the committed default.
        var r = CliProcess.Run("calibrate", "--corpus", copy, "--cases", "sieve", "--target-ms", "20", "--json");
        Assert.True(r.ExitCode is 0 or 1, r.Stderr);
        var result = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("cases")[0];
        var newSize = result.GetProperty("new_size").GetString()!;
        Assert.NotEqual(sieve.Size("default").Args[0], newSize);

        var recorded = CorpusManifest.Load(Path.Combine(copy, CorpusManifest.FileName)).Cases.Single(c => c.Name == "sieve").Size("default");
        Assert.Equal(newSize, recorded.Args[0]);
        var run = CliProcess.Run("exec", Path.Combine(copy, sieve.Wasm), "--runtime", "wasmtime-cranelift", "--json", "--", newSize);
        var sha = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("runs")[0].GetProperty("stdout_sha256").GetString();
        Assert.Equal(recorded.StdoutSha256, sha);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }
}
