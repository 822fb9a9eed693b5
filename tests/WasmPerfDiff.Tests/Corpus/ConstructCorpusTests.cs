using System.Text;
using System.Text.RegularExpressions;
using WasmPerfDiff.Corpus;
using WasmPerfDiff.Corpus.Constructs;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Runtimes;
using WasmPerfDiff.Runtimes.Embedded;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>The corpus of <c>gen constructs</c>: valid modules that run on real engines with equal checksums, a manifest corpus, and the opcode profile.</summary>
public class ConstructCorpusTests
{
    private static readonly Lazy<string> Generated = new(() =>
        ConstructGenerator.Generate(new ConstructGenRequest(Path.Combine(Directory.CreateTempSubdirectory("perfdiff-constructs-").FullName, "c"))).OutDir);

    private const string Size = "300";

    /// <summary>Every family and variant on embedded Wasmtime, run once for the tests that compare with it.</summary>
    private static readonly Lazy<Task<Dictionary<(string Family, string Variant), RunResult>>> OnWasmtime =
        new(() => RunAll(new EmbeddedWasmtimeRuntime(WasmtimeTier.Cranelift)));

    private static async Task<Dictionary<(string Family, string Variant), RunResult>> RunAll(IRuntime runtime)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), RunResult>();
        var jobs = ConstructCatalog.All.SelectMany(f => new[] { (f, ConstructModule.ConstructArgument), (f, ConstructModule.BaseArgument) });
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (job, ct) =>
        {
            var (f, variant) = job;
            results[(f.Name, variant)] = await runtime.RunAsync(
                new RunRequest(Path.Combine(Generated.Value, f.Name + ".wasm"), [Size, variant], TimeSpan.FromMinutes(1)), ct);
        });
        return new(results);
    }

    [Fact]
    public async Task Every_family_runs_on_embedded_wasmtime_with_markers_and_a_checksum_line()
    {
        var runs = await OnWasmtime.Value;
        var failures = runs.Where(r => r.Value.Status != RunStatus.Ok || r.Value.Phases.ExecuteMs is null)
            .Select(r => $"{r.Key}: {r.Value.Status.ToWire()} {r.Value.Message}").ToList();
        Assert.Empty(failures);
        // The designed identities: tail calls and recursion compute exactly what their inline baselines compute.
        foreach (var family in new[] { "return-call", "recursion-deep" })
            Assert.Equal(runs[(family, ConstructModule.BaseArgument)].StdoutSha256, runs[(family, ConstructModule.ConstructArgument)].StdoutSha256);
    }

    [RequiresSharedRuntimesFact]
    public async Task Wasm3_prints_the_same_checksums_as_wasmtime_and_fails_only_the_simd_families()
    {
        var wasm3 = RuntimeCatalog.Load(SharedRuntimes.ConfigPath).Select(["wasm3"]).Single();
        var onWasm3 = await RunAll(wasm3);
        var onWasmtime = await OnWasmtime.Value;
        var simd = ConstructCatalog.All.Where(f => f.Feature == "simd").Select(f => f.Name).ToHashSet();
        foreach (var ((family, variant), r) in onWasm3)
        {
            if (simd.Contains(family)) { Assert.NotEqual(RunStatus.Ok, r.Status); continue; }
            Assert.True(r.Status == RunStatus.Ok, $"{family} {variant} on wasm3: {r.Status.ToWire()} {r.Message}");
            Assert.True(r.PhaseMethod == PhaseMethod.Markers, $"{family} {variant}: phases by {r.PhaseMethod}");
            Assert.Equal(onWasmtime[(family, variant)].StdoutSha256, r.StdoutSha256);
        }
    }

    [Fact]
    public void The_folder_is_a_manifest_corpus_with_a_construct_and_a_baseline_case_per_family()
    {
        var set = CorpusSet.Open(Generated.Value);
        Assert.False(set.IsForeign);
        Assert.Equal(2 * ConstructCatalog.All.Count, set.Cases.Count);
        foreach (var f in ConstructCatalog.All)
        {
            var construct = set.Find(f.Name);
            var baseline = set.Find(f.BaseName);
            Assert.Equal(construct.Wasm, baseline.Wasm);
            Assert.Equal(construct.Size(CorpusCase.DefaultSize).Args[0], baseline.Size(CorpusCase.DefaultSize).Args[0]);
            Assert.Equal(["construct"], construct.Size(CorpusCase.DefaultSize).Args.Skip(1));
            Assert.Equal(["base"], baseline.Size(CorpusCase.DefaultSize).Args.Skip(1));
            ModuleCheck.EnsureValid(set.Resolve(construct.Wasm));
            Assert.Equal(f, ConstructCatalog.Parse(baseline.Name)!.Value.Family);
        }
    }

    [Fact]
    public void Calibrate_sizes_a_construct_case_in_the_generated_manifest()
    {
        var dir = ConstructGenerator.Generate(new ConstructGenRequest(
            Path.Combine(Directory.CreateTempSubdirectory("perfdiff-constructs-cal-").FullName, "c"), "select")).OutDir;
        var (code, stdout, stderr) = CliProcess.Run("calibrate", "--corpus", dir, "--runtime", "wasmtime-cranelift", "--target-ms", "20", "--json");
        Assert.True(code is 0 or 1, stderr);
        Assert.Contains("\"case\":\"select\"", stdout.Replace(" ", ""));
        var manifest = CorpusManifest.Load(Path.Combine(dir, CorpusManifest.FileName));
        // The variant argument survives calibration: only argv[1] (the size) changes.
        Assert.All(manifest.Cases, c => Assert.Equal(c.Name.EndsWith(".base") ? "base" : "construct", c.Size(CorpusCase.DefaultSize).Args[1]));
    }

    [Fact]
    public async Task A_bad_size_argument_exits_2()
    {
        var r = await new EmbeddedWasmtimeRuntime(WasmtimeTier.Cranelift)
            .RunAsync(new RunRequest(Path.Combine(Generated.Value, "select.wasm"), ["12x"], TimeSpan.FromMinutes(1)), default);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void The_profile_of_each_generated_module_counts_its_own_construct()
    {
        foreach (var f in ConstructCatalog.All)
        {
            var profile = OpcodeProfile.Read(Path.Combine(Generated.Value, f.Name + ".wasm"));
            Assert.Equal(0, profile.UndecodedFunctions);
            Assert.True(profile.Count(f.OpcodeClass) >= 1, $"{f.Name}: no {f.OpcodeClass} counted");
        }
    }

    [Fact]
    public void Without_shared_library_code_methcall_is_call_indirect_heavy_random_rem_by_constant_fasta_writes_flops_floats()
    {
        var corpus = CorpusPaths.Repository;
        string PathOf(string name) => WasmMaterializer.WasmPath(corpus, corpus.Find(name));
        var names = new[] { "methcall", "random", "fasta", "flops-3", "fib", "sieve", "nbody", "div64", "matmul-int", "crc32" };
        var library = OpcodeProfile.SharedShapes(names.Select(n => OpcodeProfile.FunctionShapes(PathOf(n))).ToList());
        OpcodeProfile Of(string name) => OpcodeProfile.Read(PathOf(name), library);

        var methcall = Of("methcall");
        Assert.Equal(0, methcall.UndecodedFunctions);
        Assert.True(methcall.LibraryFunctions > 30, $"only {methcall.LibraryFunctions} functions recognised as shared library code");
        Assert.True(methcall.Share(OpcodeClasses.CallIndirect) > 0.01, $"call_indirect share {methcall.Share(OpcodeClasses.CallIndirect):P1}");
        Assert.Equal(0, Of("fib").Count(OpcodeClasses.CallIndirect));
        Assert.True(Of("random").Share(OpcodeClasses.DivRem(32, "rem", true)) > 0.01);
        Assert.True(Of("fasta").Count(OpcodeClasses.FdWrite) > 0, "fasta's calls of fwrite/fputs reach fd_write");
        var flops = Of("flops-3");
        Assert.True(flops.Share(OpcodeClasses.FloatAdd("f64")) + flops.Share(OpcodeClasses.FloatMul("f64")) > 0.2);
    }
}
