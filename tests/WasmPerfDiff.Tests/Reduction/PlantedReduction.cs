using System.Text.Json;
using WasmPerfDiff.Corpus.Build;
using WasmPerfDiff.Reduction;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Reduction;

/// <summary>
/// The planted anomaly of reduce's tests: <c>Fixtures/reduce/NAME.c</c> built for wasm32-wasi into a fresh folder (its
/// source beside it, so reduce works at source level), and a config with the fake runtime <c>slow-popcnt</c>
/// (<c>fake-runtimes/slow-on-popcnt.sh</c> over the real wasm3) beside the real wasm3 as its peer.
/// </summary>
public sealed record PlantedReduction(string Folder, string Wasm, string Source, string Config)
{
    public const string Target = "slow-popcnt";
    public const string Peer = "wasm3";

    public static async Task<PlantedReduction> CreateAsync(string name)
    {
        var folder = Directory.CreateTempSubdirectory("perfdiff-planted-").FullName;
        var source = Path.Combine(folder, name + ".c");
        File.Copy(Path.Combine(TestPaths.Fixtures, "reduce", name + ".c"), source);
        var wasm = Path.Combine(folder, name + ".wasm");
        var toolchain = await BuildToolchain.DetectAsync(WasmCompiler.Clang);
        var build = await BuildCommands.RunAsync(toolchain.CCompiler, BuildCommands.Wasm(WasmCompiler.Clang, "O2", "c"), source, wasm, folder,
            TimeSpan.FromMinutes(1), toolchain.Environment, CancellationToken.None);
        Assert.True(build.Ok, build.Tail());
        var wasm3 = Wasm3!;
        var config = Path.Combine(folder, "wasm-perfdiff.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            paths = new Dictionary<string, string> { ["wasm3"] = wasm3 },
            runtimes = new[]
            {
                new { name = Target, engine = "planted", tier = "slow-on-popcnt", command = new[] { TestModules.FakeRuntime("slow-on-popcnt.sh"), wasm3, "{wasm}", "{args}" } },
            },
        }));
        return new PlantedReduction(folder, wasm, source, config);
    }

    /// <summary>A target whose slowdown must not matter: wasm3 under another name, ×1.0 against wasm3.</summary>
    public const string Twin = "wasm3-twin";

    /// <summary>Writes <c>twin.json</c> here, in which <see cref="Twin"/> runs <paramref name="command"/> (default: wasm3 itself); returns its path.</summary>
    public string WriteTwinConfig(string[]? command = null)
    {
        var config = Path.Combine(Folder, "twin.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            paths = new Dictionary<string, string> { ["wasm3"] = Wasm3! },
            runtimes = new[] { new { name = Twin, engine = "wasm3", tier = "interpreter", command = command ?? [Wasm3!, "{wasm}", "{args}"] } },
        }));
        return config;
    }

    /// <summary>
    /// A source-level reduction of this program with <see cref="Twin"/> as the target and wasm3 as its peer (size
    /// argument 1, CPU time), adjusted by <paramref name="adjust"/>, saved in a new work folder; its output folder is new too.
    /// </summary>
    public async Task<(ReductionSpec Spec, string SpecPath, string OutDir, string Work)> TwinSpecAsync(string config, Func<ReductionSpec, ReductionSpec>? adjust = null)
    {
        var (outDir, work) = (Directory.CreateDirectory(Path.Combine(Folder, "reduced")).FullName, Directory.CreateDirectory(Path.Combine(Folder, "work")).FullName);
        var toolchain = await BuildToolchain.DetectAsync(WasmCompiler.Clang);
        var spec = new ReductionSpec
        {
            Target = Twin, Peers = [Peer], ConfigPath = config, Level = ReductionLevel.C, ProgramName = Path.GetFileName(Source), Args = ["1"],
            SizeArgIndex = 0, IncludeDirectory = Folder, WasmCompiler = toolchain.CCompiler, NativeCompiler = WasmPerfDiff.Host.ExecutableSearch.Find("gcc"),
            RequiredFactor = 2.4, MaxRuns = 5, Metric = WasmPerfDiff.Campaigns.CompareMetric.Cpu, OutDirectory = outDir,
        };
        spec = adjust?.Invoke(spec) ?? spec;
        return (spec, spec.Save(work), outDir, work);
    }

    /// <summary>wasm3 of ../shared/runtimes, else one on PATH.</summary>
    public static string? Wasm3 => SharedRuntimes.Find("wasm3") ?? WasmPerfDiff.Host.ExecutableSearch.Find("wasm3");

    /// <summary>Why reduce's end-to-end tests cannot run here (a tool or wasm3 missing), or null.</summary>
    public static string? Missing() =>
        Wasm3 is null ? "no wasm3 (../shared/runtimes or PATH)"
        : RequiredTools.MissingFromPath("cvise") is { } c ? c + " (apt-get install cvise)"
        : RequiredTools.MissingFromPath("wasm2wat") is { } w ? w + " (apt-get install wabt)"
        : RequiredTools.MissingFromPath("valgrind") is { } v ? v + " (apt-get install valgrind)"
        : RequiredTools.MissingFromPath("gcc");
}

/// <summary>A fact that needs cvise, wabt, valgrind, gcc, clang for wasm32-wasi and wasm3, and perf with <see cref="AndPerf"/> (skipped with the reason otherwise).</summary>
public sealed class RequiresReduceToolsFactAttribute : FactAttribute
{
    /// <summary>Also skip when perf is missing or may not sample here (<see cref="RequiresPerfFactAttribute"/>).</summary>
    public bool AndPerf
    {
        get => _andPerf;
        set
        {
            _andPerf = value;
            if (value && Skip is null && new RequiresPerfFactAttribute().Skip is { } noPerf) Skip = noPerf;
        }
    }

    private bool _andPerf;

    public RequiresReduceToolsFactAttribute()
    {
        Skip = RequiredTools.SkipReason("cvise", PlantedReduction.Missing());
        if (Skip is null && new Corpus.RequiresClangFactAttribute().Skip is { } clang) Skip = clang;
    }
}
