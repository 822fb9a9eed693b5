using System.Text.RegularExpressions;

namespace WasmPerfDiff.Tests.Architecture;

/// <summary>
/// Workflows/ is the one room that composes (docs/ARCHITECTURE.md): it opens the campaign store and writes the files a
/// verb produces; Analysis, Reporting and Profiling take records and return records. Read from the sources: a
/// <c>CampaignStore</c> or a file write outside the rooms allowed to have one fails here, unless the file is one of the
/// exceptions below, each with its reason.
/// </summary>
public sealed partial class CompositionTests
{
    /// <summary>Rooms that may open the store or write files: the composer, the store itself, the exporters, the host's plumbing.</summary>
    private static readonly string[] AllowedRooms = ["Workflows", "Store", "Exporters", "Host"];

    /// <summary>Files of other rooms that write their own files, and why that is their job rather than a workflow's.</summary>
    private static readonly Dictionary<string, string> Exceptions = new()
    {
        ["Runtimes/SideChannelMarks.cs"] = "the in-child runner (worker, V8 runner) writes its phase marks for the parent; no workflow runs in the child",
        ["Runtimes/RuntimeProbe.cs"] = "the probe module is cached in the user's cache on first use by whichever stage probes a runtime",
        ["Runtimes/Install/PinnedInstaller.cs"] = "an install stages files and renames the folder atomically: the writes are the install",
        ["Runtimes/Install/RuntimeInstaller.cs"] = "as PinnedInstaller: npm installs staged, checked, then renamed into place",
        ["Runtimes/Install/Archives.cs"] = "unpacking a downloaded archive into the staging folder of an install",
        ["Runtimes/Install/Downloads.cs"] = "a download streams into its staging file while its SHA-256 is computed",
        ["Corpus/CorpusManifest.cs"] = "`build` updates the corpus manifest it owns (atomic rename)",
        ["Corpus/BaselineModule.cs"] = "the derived baseline module is cached in the user's cache (atomic rename)",
        ["Corpus/WasmMaterializer.cs"] = "modules kept compressed in the corpus are unpacked into the user's cache on first use",
        ["Corpus/Build/CorpusBuilder.cs"] = "compiler outputs go through the build cache and are copied out as each one finishes",
        ["Corpus/Constructs/ConstructGenerator.cs"] = "`gen constructs` writes each module as it is generated, through OutputPaths' checked writes",
        ["Cluster/ClusterPlan.cs"] = "a plan is its scripts: each is written with its executable bit by the plan that renders it",
        ["Profiling/FlameGraphSvg.cs"] = "a profile job writes its flame graphs into its folder beside perf's own perf.data as each profile finishes",
        ["Profiling/FoldedProfile.cs"] = "as FlameGraphSvg: the folded stacks of each finished profile",
        ["Corpus/Python/CPythonWasiBuild.cs"] = "a CPython build installs into its cache folder and marks it complete last, so a killed build is never reused",
        ["Corpus/Python/FrozenPythonBuild.cs"] = "the frozen interpreter is generated and linked in scratch, then renamed into the CPython build's cache folder, summary first",
        ["Corpus/Python/PythonCorpus.cs"] = "the Python programs are copied beside the interpreter, inside the folder every run preopens",
        ["Corpus/Programs/ProgramGenerator.cs"] = "`gen programs` writes each generated C source as it is made, before it is compiled and filtered",
        ["Reduction/ReductionFolder.cs"] = "a reduction keeps its best program so far on disk at every step (a kill must leave it), not only at the end",
        ["Reduction/CheckScript.cs"] = "the reducer (cvise, wasm-reduce) runs a script file: it must exist before the reducer starts",
        ["Reduction/Reproduction.cs"] = "the reproduction folder holds copies of the runner scripts its commands name",
        ["Reduction/ReductionSpec.cs"] = "the reducer's check process reads the spec from a file the reduction writes first",
        ["Reduction/Reducers.cs"] = "the reducers work on a copy of the program in their own folder",
        ["Reduction/MemcheckVerdicts.cs"] = "each check, in the reduce process or a process of its own, reads and adds the binaries memcheck found clean",
        ["Reduction/CheckServer.cs"] = "a check that fails with an error answers 'not interesting' to the reducer; its reason goes to the work folder's log",
    };

    [GeneratedRegex(@"\bCampaignStore\b|\bFile\.(Write\w*|Create\w*|Append\w*|Copy|Move|Replace)\b|FileMode\.(Create\w*|Append|OpenOrCreate)|FileAccess\.(Write|ReadWrite)|new StreamWriter\(|\bOutputPaths\.Write\w*")]
    private static partial Regex StoreOrWrite();

    private static string Library => Path.Combine(TestPaths.RepoRoot, "src", "WasmPerfDiff");

    [Fact]
    public void Only_workflows_store_exporters_and_host_open_the_store_or_write_files()
    {
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Library, file).Replace('\\', '/');
            var room = relative.Split('/')[0];
            if (room is "bin" or "obj" || AllowedRooms.Contains(room) || Exceptions.ContainsKey(relative)) continue;
            var lines = File.ReadAllLines(file);
            for (var n = 0; n < lines.Length; n++)
            {
                var code = lines[n].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                if (StoreOrWrite().Match(code) is { Success: true } m)
                    violations.Add($"{relative}:{n + 1} ({m.Value}): {code}");
            }
        }
        Assert.True(violations.Count == 0, "store or file writes outside Workflows/Store/Exporters/Host (compose in Workflows/):\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Every_exception_still_exists_and_still_needs_to_be_one()
    {
        // An exception that no longer writes anything (or whose file moved) is dropped from the list, so the list stays true.
        var stale = Exceptions.Keys.Where(f => !File.Exists(Path.Combine(Library, f))
                                               || !File.ReadLines(Path.Combine(Library, f)).Any(l => StoreOrWrite().IsMatch(l))).ToList();
        Assert.True(stale.Count == 0, "exceptions that no longer write: " + string.Join(", ", stale));
    }
}
